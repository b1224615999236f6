import { describe, expect, it } from 'vitest';
import { serializerCompiler as checkedSerializer } from 'fastify-type-provider-zod';
import { MemberList } from '../modules/members/member.schemas';
import { serializerCompiler } from './serialize';

const route = { schema: MemberList, method: 'GET', url: '/api/members', httpStatus: '200' } as Parameters<typeof serializerCompiler>[0];
const row = {
  id: 7, name: '丁东立', gender: 'male', birthDate: '1990-01-02', age: 36, idNumberMasked: '330483********1234', phoneMasked: null, orgId: 5, orgName: '某公司党支部',
  category: 'full', status: 'normal', keyPositions: ['manager', 'investor'], joinedOn: '2015-07-01', confirmedOn: null, standingYears: 10, employerName: null, isMobile: false,
};

describe('compiled response serializer', () => {
  it('writes the roster page exactly as the checked serializer does', () => {
    const page = { items: [row, { ...row, id: 8, phoneMasked: '139****0001', keyPositions: [], confirmedOn: '2016-07-01', employerName: '某网络科技有限公司', isMobile: true }], total: 2, page: 1, pageSize: 20 };
    expect(serializerCompiler(route)(page)).toBe(checkedSerializer(route)(page));
  });

  it('never writes a field the schema does not declare', () => {
    const leaky = { items: [{ ...row, idNumberCipher: 'secret', idNumber: '330483199001021234' }], total: 1, page: 1, pageSize: 20, debug: 'x' };
    const written = serializerCompiler(route)(leaky);
    expect(written).not.toContain('secret');
    expect(written).not.toContain('330483199001021234');
    expect(written).not.toContain('debug');
    expect(JSON.parse(written).items[0]).toEqual(row);
  });
});
