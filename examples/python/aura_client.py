#!/usr/bin/env python3
"""Drive a running AURA agent over its Unix socket (protocol v1: one JSON object per line).

Usage: aura_client.py [SOCKET] [STEPS]  (defaults: /run/aura-agent/agent.sock, 100)
Sends backbone features z each step and reads the action and the memory's gate decision;
ends an episode every 36 steps. Python 3 standard library only.
"""
import json, math, socket, sys

path = sys.argv[1] if len(sys.argv) > 1 else "/run/aura-agent/agent.sock"
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 100
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.connect(path)
replies = sock.makefile("r", encoding="utf-8")


def call(request):
    sock.sendall((json.dumps(request) + "\n").encode())
    reply = json.loads(replies.readline())
    if not reply["ok"]:
        err = reply["error"]
        raise RuntimeError(f"{err['code']} ({err.get('field')}): {err['message']}")
    return reply


agent = call({"op": "hello", "protocol": 1, "client": "python-example"})["agent"]
d_model, writes = agent["model"]["dModel"], 0
for t in range(steps):
    z = [math.tanh(math.sin(0.1 * t + i)) for i in range(d_model)]  # your backbone's features
    r = call({"op": "step", "id": t, "z": z})
    writes += r["wrote"]
    if (t + 1) % 36 == 0:
        call({"op": "episode_end", "success": True})
print(f"{steps} steps from step {agent['steps']}: {writes} memory writes, gate {r['gate']:.3f}, "
      f"action {[round(a, 2) for a in r['action']]}")
print("health:", json.dumps(call({"op": "status"})["status"]["health"]))
