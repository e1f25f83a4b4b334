// Field limits shared by zod schemas, database checks and forms, so that all three agree.

export const limits = {
  email: 254,
  name: 200,
  passwordMin: 12,
  passwordMax: 256,
  tokenName: 100,
  totpCode: 6,
  auditQuery: 200,
  pageSizeMax: 200,
  bodyBytes: 1_048_576,
} as const;
