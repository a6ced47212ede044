// Encodes and decodes schema-registry records with independent Node
// serializers, for TestSchemaInteropNode:
//   Avro and JSON Schema: @kafkajs/confluent-schema-registry (avsc, ajv)
//   Protobuf: @confluentinc/schemaregistry, which writes message indexes as
//   the spec says (the kafkajs one does not), on @bufbuild/protobuf
//   descriptors built from the .proto text by protobufjs.
//
// stdin: {"registry": URL,
//         "encode": [{"format", "subject", "value", "proto"?, "message"?}],
//         "decode": [{"format", "topic", "hex"}]}
// stdout: {"encoded": [hex...], "decoded": [value...]}
'use strict';

const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');
const {
  SchemaRegistryClient, ProtobufSerializer, ProtobufDeserializer, SerdeType,
} = require('@confluentinc/schemaregistry');
const { create, createFileRegistry, fromBinary, toJson } = require('@bufbuild/protobuf');
const { FileDescriptorSetSchema } = require('@bufbuild/protobuf/wkt');
const protobufjs = require('protobufjs');
const descriptor = require('protobufjs/ext/descriptor');

// protoRegistry turns .proto text into a @bufbuild/protobuf registry.
function protoRegistry(text) {
  const root = protobufjs.parse(text, { keepCase: true }).root;
  const set = descriptor.FileDescriptorSet.encode(root.toDescriptor('proto3')).finish();
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, set));
}

async function main() {
  const req = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const kafkajs = new SchemaRegistry({ host: req.registry });
  const confluent = new SchemaRegistryClient({ baseURLs: [req.registry] });
  const out = { encoded: [], decoded: [] };

  for (const e of req.encode || []) {
    let buf;
    if (e.format === 'protobuf') {
      const registry = protoRegistry(e.proto);
      const desc = registry.getMessage(e.message);
      if (!desc) throw new Error(`no message ${e.message}`);
      const ser = new ProtobufSerializer(confluent, SerdeType.VALUE, { useLatestVersion: true, registry });
      const topic = e.subject.replace(/-value$/, '');
      buf = await ser.serialize(topic, create(desc, e.value));
    } else {
      const id = await kafkajs.getLatestSchemaId(e.subject);
      buf = await kafkajs.encode(id, e.value);
    }
    out.encoded.push(buf.toString('hex'));
  }

  for (const d of req.decode || []) {
    const buf = Buffer.from(d.hex, 'hex');
    if (d.format === 'protobuf') {
      const de = new ProtobufDeserializer(confluent, SerdeType.VALUE, {});
      const msg = await de.deserialize(d.topic, buf);
      const desc = de.fileRegistry.getMessage(msg.$typeName);
      out.decoded.push({ type: msg.$typeName, value: toJson(desc, msg, { useProtoFieldName: true }) });
    } else {
      out.decoded.push(await kafkajs.decode(buf));
    }
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((err) => {
  process.stderr.write(`interop.js: ${err && err.stack || err}\n`);
  process.exit(1);
});
