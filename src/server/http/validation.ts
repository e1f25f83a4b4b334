// The request validator: every string of every validated request part (body, query, path parameters)
// passes the shared text rule before the route's own zod schema, so no schema can forget it.
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { findTextIssues } from '#shared/text';

// Why at the edge and not only in each schema: a NUL or a lone surrogate that reaches the database fails
// there as a 500 (and a schema added tomorrow may use a plain z.string()); here it is a 400 naming the field.
export const textSafeValidatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = validatorCompiler(route);
  return (data) => {
    const issues = findTextIssues(data);
    if (issues.length) {
      return {
        error: issues.map((i) => ({
          instancePath: i.path.map((p) => `/${String(p)}`).join(''),
          message: i.message,
          keyword: 'text',
          schemaPath: '',
          params: {},
        })),
      };
    }
    return validate(data);
  };
};
