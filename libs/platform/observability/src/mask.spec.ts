import { describe, expect, it } from 'vitest';
import { maskSqlLiterals } from './index';

describe('maskSqlLiterals', () => {
  it('removes string and number literals, keeps the shape of the statement', () => {
    expect(maskSqlLiterals(`select * from "gateway"."account" where "email" = 'amelie.durand@example.fr' and "n" = 42 limit 1`)).toBe(
      `select * from "gateway"."account" where "email" = ? and "n" = ? limit ?`,
    );
  });

  it('handles escaped quotes and identifiers with digits', () => {
    expect(maskSqlLiterals(`update "t1" set "label" = 'l''été' where "id" in ('a', 'b')`)).toBe(`update "t1" set "label" = ? where "id" in (?, ?)`);
  });
});
