#!/usr/bin/env python3
"""Publish a training run to an MQTT broker for Chirp to watch from another machine.

Runs a command (by default the training imitation beside this script), publishes each line it prints to
chirp/<run>/lines (QoS 1), and its start and exit code to chirp/<run>/status (retained), with Debian's
python3-paho-mqtt. Chirp's MQTT source (Run > Subscribe...) shows each run name as a run of its own.

    python3 publish_run.py --host gpu-box --run lr-1e-3 -- python3 train.py --epochs 20

The same without this script: python3 train.py 2>&1 | mosquitto_pub -l -h BROKER -t chirp/lr-1e-3/lines
"""

import argparse
import os
import subprocess
import sys

import paho.mqtt.client as mqtt


def client(client_id):
    try:  # paho-mqtt 2.x
        return mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id)
    except AttributeError:  # paho-mqtt 1.x
        return mqtt.Client(client_id=client_id)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="localhost", help="the broker's host (default: localhost)")
    parser.add_argument("--port", type=int, default=1883)
    parser.add_argument("--run", default="train", help="the run's name: its topics are chirp/<run>/...")
    parser.add_argument("--prefix", default="chirp", help="the first topic level (default: chirp)")
    parser.add_argument("command", nargs=argparse.REMAINDER,
                        help="the command to run after --; default: python3 train.py --delay 0.05")
    args = parser.parse_args()
    command = [c for c in args.command if c != "--"] or [sys.executable, os.path.join(here, "train.py"), "--delay", "0.05"]
    topic = f"{args.prefix}/{args.run}"

    publisher = client(f"publish-{args.run}-{os.getpid()}")
    publisher.connect(args.host, args.port, keepalive=30)
    publisher.loop_start()  # a thread of its own sends, and resends what was not acknowledged
    publisher.publish(f"{topic}/status", "started", qos=1, retain=True)
    program = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    for line in program.stdout:
        sys.stdout.write(line)  # still readable where it runs
        publisher.publish(f"{topic}/lines", line.rstrip("\n"), qos=1)
    code = program.wait()
    publisher.publish(f"{topic}/status", f"ended {code}", qos=1, retain=True).wait_for_publish()
    publisher.loop_stop()
    publisher.disconnect()
    return code


if __name__ == "__main__":
    sys.exit(main())
