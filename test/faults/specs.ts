/** Spec documents for the spec fault suite, built at test time. */

/** A small valid OpenAPI 3.0 document with one operation whose response schema is `schema`. */
export function openApi(schema: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Fault Vendor', version: '1' },
    paths: {
      '/v1/charges/{id}': {
        get: {
          operationId: 'GetCharge',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'A charge', content: { 'application/json': { schema } } } },
        },
      },
    },
    ...extra,
  };
}

/**
 * A valid OpenAPI 3.0 document of about `bytes` bytes (JSON): many operations, each answering a
 * component schema of its own with a dozen properties. Built as text, without the object tree.
 */
export function syntheticSpecText(bytes: number): string {
  const head = '{"openapi":"3.0.3","info":{"title":"Synthetic","version":"1"},"paths":{';
  const paths: string[] = [];
  const schemas: string[] = [];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const path = `"/v1/things${i}/{id}":{"get":{"operationId":"GetThing${i}","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],"responses":{"200":{"description":"Thing ${i}","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing${i}"}}}}}}}`;
    const properties = Array.from({ length: 12 }, (_, p) => `"field_${p}":{"type":"${p % 3 === 0 ? 'integer' : 'string'}","description":"Field ${p} of thing ${i}, described at some length as vendors do."}`);
    const schema = `"Thing${i}":{"type":"object","required":["field_0","field_1"],"properties":{${properties.join(',')}}}`;
    paths.push(path);
    schemas.push(schema);
    size += path.length + schema.length + 2;
  }
  return `${head}${paths.join(',')}},"components":{"schemas":{${schemas.join(',')}}}}`;
}

/** YAML whose aliases expand to 10^9 strings ("billion laughs") from a few hundred bytes. */
export function billionLaughsYaml(): string {
  const lines = ['openapi: 3.0.3', 'info: {title: Laughs, version: "1"}', 'paths: {}', 'x-lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level <= 9; level++) {
    const previous = `*lol${level - 1}`;
    lines.push(`x-lol${level}: &lol${level} [${Array.from({ length: 10 }, () => previous).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}
