import { describe, expect, it } from 'vitest';
import { canViewCluster, canViewProvince, homePathFor, navigationFor, type SessionUser } from './permissions';

const base = { id: 'u', email: 'x@demo.khuyenhoc.vn', name: 'X' };
const admin: SessionUser = { ...base, role: 'ADMIN', provinceId: null, clusterId: null };
const central: SessionUser = { ...base, role: 'CENTRAL', provinceId: null, clusterId: null };
const leader: SessionUser = { ...base, role: 'CLUSTER_LEADER', provinceId: null, clusterId: 'c3' };
const leaderWithoutCluster: SessionUser = { ...base, role: 'CLUSTER_LEADER', provinceId: null, clusterId: null };
const staff: SessionUser = { ...base, role: 'PROVINCE_STAFF', provinceId: 'hy', clusterId: null };
const staffWithoutProvince: SessionUser = { ...base, role: 'PROVINCE_STAFF', provinceId: null, clusterId: null };

describe('canViewCluster', () => {
  it('lets administrators and the central association see every cluster', () => {
    expect(canViewCluster(admin, 'c4')).toBe(true);
    expect(canViewCluster(central, 'c4')).toBe(true);
  });
  it('lets a cluster leader see only their own cluster', () => {
    expect(canViewCluster(leader, 'c3')).toBe(true);
    expect(canViewCluster(leader, 'c4')).toBe(false);
    expect(canViewCluster(leaderWithoutCluster, 'c3')).toBe(false);
  });
  it('refuses province staff every cluster', () => {
    expect(canViewCluster(staff, 'c3')).toBe(false);
  });
});

describe('canViewProvince', () => {
  const ctx = { provinceScope: ['hy', 'tb'], clusterIdsOfProvince: ['c3'] };
  it('lets staff read their province and its predecessors only', () => {
    expect(canViewProvince(staff, 'hy', ctx)).toBe(true);
    expect(canViewProvince(staff, 'tb', ctx)).toBe(true);
    expect(canViewProvince(staff, 'hn', ctx)).toBe(false);
    expect(canViewProvince(staffWithoutProvince, 'hy', ctx)).toBe(false);
  });
  it('lets a leader read provinces that were in their cluster', () => {
    expect(canViewProvince(leader, 'x', ctx)).toBe(true);
    expect(canViewProvince(leader, 'x', { provinceScope: [], clusterIdsOfProvince: ['c4'] })).toBe(false);
    expect(canViewProvince(leaderWithoutCluster, 'x', ctx)).toBe(false);
  });
  it('lets central users and administrators read every province', () => {
    expect(canViewProvince(central, 'x', { provinceScope: [], clusterIdsOfProvince: [] })).toBe(true);
    expect(canViewProvince(admin, 'x', { provinceScope: [], clusterIdsOfProvince: [] })).toBe(true);
  });
});

describe('homePathFor', () => {
  it('sends each role to its own start page', () => {
    expect(homePathFor(staff)).toBe('/tinh');
    expect(homePathFor(leader)).toBe('/cum');
    expect(homePathFor(central)).toBe('/trung-uong');
    expect(homePathFor(admin)).toBe('/quan-tri');
  });
});

describe('navigationFor', () => {
  const account = (user: SessionUser) => navigationFor(user).find((item) => item.href === '/tai-khoan')?.label;

  it('names the API in the menu only for those who pull national figures into other systems', () => {
    expect(account(staff)).toBe('Tài khoản');
    expect(account(leader)).toBe('Tài khoản');
    expect(account(central)).toBe('Tài khoản và API');
    expect(account(admin)).toBe('Tài khoản và API');
  });
});
