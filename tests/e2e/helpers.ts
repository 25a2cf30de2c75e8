import { expect, type Page } from '@playwright/test';
import { buildDemoData } from '../../prisma/demo-data';

type DemoReport = ReturnType<typeof buildDemoData>['reports'][number];

export const DEMO_PASSWORD = 'KhuyenHoc@2022';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/\/dang-nhap/);
}

/** vi-VN formatting joins number and unit with a no-break space. */
export function nbsp(text: string): string {
  return text.replace(/ /g, '\u00A0');
}

/**
 * A province's demo report as the form's fields, by field name: every figure of the demo's
 * report of `periodCode` (a complete, consistent report), and a narrative. The province is the
 * one in force today with that code.
 */
export function demoReportFields(provinceCode: string, periodCode: string, narrative: string): { values: Record<string, string>; report: DemoReport } {
  const data = buildDemoData();
  const province = data.provinces.find((p) => p.code === provinceCode && p.validTo === null)!;
  const r = data.reports.find((x) => x.provinceId === province.id && x.periodCode === periodCode)!;
  const v: Record<string, string> = {};
  for (const f of r.modelFigures) {
    v[`models.${f.model}.total`] = String(f.total);
    v[`models.${f.model}.registered`] = String(f.registered);
    v[`models.${f.model}.recognised`] = String(f.recognised);
  }
  v['fund.opening'] = String(r.fundOpening);
  for (const m of r.fundMobilisations) v[`fund.mobilised.${m.source}`] = String(m.amount);
  v['fund.spent'] = String(r.fundSpent);
  v['fund.closing'] = String(r.fundClosing);
  for (const a of r.awards) {
    v[`awards.${a.kind}.${a.group}.recipients`] = String(a.recipients);
    v[`awards.${a.kind}.${a.group}.amount`] = String(a.amount);
  }
  Object.assign(v, {
    'membership.members': String(r.members),
    'membership.newMembers': String(r.newMembers),
    'membership.branches': String(r.branches),
    'centres.centres': String(r.learningCentres),
    'centres.classes': String(r.centreClasses),
    'centres.learners': String(r.centreLearners),
    'narrative.results': narrative,
  });
  return { values: v, report: r };
}
