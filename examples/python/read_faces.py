#!/usr/bin/python3
"""Reads face-stream's face events from the `faces` topic (Avro) and prints one JSON line per event.

Needs Debian's python3-confluent-kafka and python3-avro (apt-get install python3-confluent-kafka python3-avro).

    ./read_faces.py --bootstrap localhost:9092 --schemas ../../schemas/src/main

Values are Avro single-object encoded: the two bytes C3 01, the 8-byte little-endian CRC-64-AVRO fingerprint of
the writer's schema (of its Parsing Canonical Form), then the Avro body. The fingerprint tells which version of
FaceDetections wrote the record; every version is under --schemas (avro/ has the current ones, resources/ the
earlier ones), and Avro's schema resolution reads each one as the newest.
"""
import argparse
import io
import json
import pathlib
import struct
import sys
import time
import uuid

import avro.io
import avro.schema
from confluent_kafka import Consumer

HEADER = b"\xc3\x01"
EMPTY_64 = 0xC15D213AA4D7A795  # CRC-64-AVRO's initial value, from the Avro specification


def _crc64_table():
    table = []
    for byte in range(256):
        fp = byte
        for _ in range(8):
            fp = (fp >> 1) ^ (EMPTY_64 & -(fp & 1))
        table.append(fp)
    return table


CRC64_TABLE = _crc64_table()


def fingerprint(canonical_form):
    fp = EMPTY_64
    for byte in canonical_form.encode("utf-8"):
        fp = (fp >> 8) ^ CRC64_TABLE[(fp ^ byte) & 0xFF]
    return fp


def without_logical_types(node):
    # The Parsing Canonical Form drops logicalType, so {"type": "long", "logicalType": "timestamp-millis"} is just
    # "long". Python's avro 1.11 writes {"type":"long"} instead and so computes other fingerprints than Java: the
    # fingerprint is therefore taken of the schema with its logical types removed.
    if isinstance(node, dict):
        if "logicalType" in node and isinstance(node.get("type"), str):
            return node["type"]
        return {key: without_logical_types(value) for key, value in node.items()}
    if isinstance(node, list):
        return [without_logical_types(item) for item in node]
    return node


def load_versions(schemas_dir, name):
    """Every version of the record `name` under schemas_dir, by fingerprint, and the newest (avro/NAME.avsc)."""
    versions = {}
    newest = None
    for path in sorted(pathlib.Path(schemas_dir).rglob("*.avsc")):
        text = json.loads(path.read_text())
        if text.get("name") != name:
            continue
        schema = avro.schema.parse(json.dumps(text))
        plain = avro.schema.parse(json.dumps(without_logical_types(text)))
        versions[fingerprint(plain.canonical_form)] = schema
        if path.name == name + ".avsc":
            newest = schema
    if newest is None:
        sys.exit(f"no {name}.avsc under {schemas_dir}")
    return versions, newest


def decode(value, versions, newest):
    if value[:2] != HEADER:
        raise ValueError("not Avro single-object encoded")
    (fp,) = struct.unpack("<Q", value[2:10])
    writer = versions.get(fp)
    if writer is None:
        raise ValueError(f"unknown schema fingerprint {fp:016x}")
    decoder = avro.io.BinaryDecoder(io.BytesIO(value[10:]))
    return avro.io.DatumReader(writer, newest).read(decoder)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="localhost:9092", help="Kafka's address (default: %(default)s)")
    parser.add_argument("--schemas", default="schemas/src/main", help="folder with the .avsc files")
    parser.add_argument("--topic", default="faces")
    parser.add_argument("--group", help="consumer group (default: a new one, reading from the start)")
    parser.add_argument("--idle-seconds", type=float, help="stop after this long without a new event")
    args = parser.parse_args()

    versions, newest = load_versions(args.schemas, "FaceDetections")
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group or "read-faces-" + uuid.uuid4().hex,
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",  # only events of committed worker transactions: exactly once
    })
    consumer.subscribe([args.topic])
    last_event = time.monotonic()
    try:
        while args.idle_seconds is None or time.monotonic() - last_event < args.idle_seconds:
            if not consumer.assignment():
                last_event = time.monotonic()  # idle time counts once the group has given us partitions
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                print(f"kafka: {message.error()}", file=sys.stderr)
                continue
            event = decode(message.value(), versions, newest)
            last_event = time.monotonic()
            print(json.dumps({
                "camera": message.key().decode(),
                "sequence": event["sequence"],
                "captureTime": event["captureTime"].isoformat(),
                "status": event["status"],
                "faces": [{"box": [face["box"][c] for c in ("x1", "y1", "x2", "y2")], "score": face["score"]}
                          for face in event["faces"]],
            }), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
