#!/usr/bin/python3
"""Reads face-stream's face events as JSON from the `faces.json` topic and prints one line per event.

Needs only a Kafka client: here Debian's python3-confluent-kafka.

    ./read_faces_json.py --bootstrap localhost:9092
"""
import argparse
import json
import sys
import time
import uuid

from confluent_kafka import Consumer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="localhost:9092", help="Kafka's address (default: %(default)s)")
    parser.add_argument("--topic", default="faces.json")
    parser.add_argument("--group", help="consumer group (default: a new one, reading from the start)")
    parser.add_argument("--idle-seconds", type=float, help="stop after this long without a new event")
    args = parser.parse_args()

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group or "read-faces-json-" + uuid.uuid4().hex,
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",
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
            last_event = time.monotonic()
            event = json.loads(message.value())  # the same fields as GET /api/events
            print(json.dumps({
                "camera": message.key().decode(),
                "sequence": event["sequence"],
                "captureTime": event["captureTime"],
                "status": event["status"],
                "faces": [{"box": [face[c] for c in ("x1", "y1", "x2", "y2")], "score": face["score"]}
                          for face in event["faces"]],
            }), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
