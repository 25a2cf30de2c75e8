import { describe, expect, it } from 'vitest';

import { classifySendError, retryDelayMs } from './delivery-policy';
import { transportUrl } from './mailer';

describe('retries', () => {
  it('waits twice as long after each failure, up to the maximum', () => {
    const policy = { baseDelayMs: 60_000, maxDelayMs: 3_600_000 };
    expect([1, 2, 3, 4, 7, 8, 50].map((n) => retryDelayMs(n, policy))).toEqual([60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it('gives up at once on a permanent refusal, retries a temporary one, and stops the batch when the server cannot be reached', () => {
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User unknown' })).toEqual({
      permanent: true,
      unreachable: false,
      reason: 'Máy chủ thư từ chối hẳn (550): 550 5.1.1 User unknown',
    });
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 452, response: '452 4.2.2 Mailbox full' })).toMatchObject({ permanent: false, unreachable: false });
    expect(classifySendError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:2525' })).toEqual({
      permanent: false,
      unreachable: true,
      reason: 'Không gửi được tới máy chủ thư (ECONNECTION): connect ECONNREFUSED 127.0.0.1:2525',
    });
    // A refused sign-in is the portal's configuration, which an administrator can correct: retried.
    expect(classifySendError({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication failed' })).toMatchObject({ permanent: false, unreachable: true });
    expect(classifySendError({ responseCode: 554, response: 'x'.repeat(2000) }).reason.length).toBeLessThan(600);
  });
});

describe('the SMTP connection', () => {
  it('adds the pool and the timeouts to SMTP_URL, keeping what the URL sets', () => {
    const url = new URL(transportUrl('smtp://user:m%E1%BA%ADt@mail.example.vn:587?socketTimeout=5000&tls.rejectUnauthorized=false'));
    expect(url.username).toBe('user');
    expect(url.password).toBe('m%E1%BA%ADt');
    expect(url.searchParams.get('socketTimeout')).toBe('5000');
    expect(url.searchParams.get('tls.rejectUnauthorized')).toBe('false');
    expect(url.searchParams.get('pool')).toBe('true');
    expect(url.searchParams.get('connectionTimeout')).toBe('15000');
  });
});
