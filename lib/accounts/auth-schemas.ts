import { z } from 'zod';

export const SignInSchema = z.object({
  email: z
    .string({ error: 'Vui lòng nhập email.' })
    .trim()
    .toLowerCase()
    .min(1, 'Vui lòng nhập email.')
    .max(254, 'Email quá dài.')
    .pipe(z.email('Email không hợp lệ.')),
  password: z.string({ error: 'Vui lòng nhập mật khẩu.' }).min(1, 'Vui lòng nhập mật khẩu.').max(200, 'Mật khẩu quá dài.'),
});

export type SignInInput = z.infer<typeof SignInSchema>;
