#!/usr/bin/env python3
"""Writes hostile project files for `reject-hostile-projects.sh` (docs/architecture.md#limits-on-outside-input).

  deep-brackets   N opening brackets and nothing else (issue 15: 100,000 took 35 s and 9.8 GB)
  random-nesting  valid JSON of about SIZE bytes whose nesting is a seeded random walk of
                  arrays, objects and scalars that drifts deeper (depth in the tens of thousands)
  wide            the project's own shape with as many device groups as fit in SIZE bytes,
                  each with an unknown GPU type and a count of 2,000,000,000
  empty-groups    as many empty device groups ({}) as fit: two missing keys each
  unknown-links   64 datacenters with 60-character ids and as many links between unknown
                  60-character ids as fit (each asks for a "did you mean")

Usage: hostile-projects.py KIND OUT [--count N] [--bytes SIZE] [--seed S]
"""

import argparse
import random


def deep_brackets(count):
    return "[" * count


def random_nesting(size, seed):
    rng = random.Random(seed)
    pieces = ["["]
    written = 1
    stack = ["]"]       # the closer of every open container
    need_comma = False  # the current container already holds a value
    key = 0
    # Opening wins more often than closing, so the depth drifts upwards; room is kept for the
    # closing brackets, so the file is valid JSON of about `size` bytes.
    while stack and written + len(stack) + 16 < size:
        roll = rng.random()
        if roll >= 0.75 and len(stack) > 1:
            piece = stack.pop()
            need_comma = True
        else:
            piece = "," if need_comma else ""
            if stack[-1] == "}":
                piece += '"k%d":' % key
                key += 1
            if roll < 0.50:
                opener = rng.choice("[{")
                piece += opener
                stack.append("]" if opener == "[" else "}")
                need_comma = False
            else:
                piece += rng.choice(["0", "1.5", "true", "null", '"x"'])
                need_comma = True
        pieces.append(piece)
        written += len(piece)
    pieces.extend(reversed(stack))
    return "".join(pieces)


def wide(size):
    head = '{"format":1,"name":"wide","datacenters":[{"id":"dc","name":"dc","nodes":[{"id":"n","host":"h","agent_port":7400,"devices":['
    tail = ']}]}],"run":{"model":{"layers":2,"heads":2,"dim":64,"context":64}}}'
    groups = []
    written = len(head) + len(tail)
    index = 0
    while True:
        group = '{"type":"GPU-%d","count":2000000000}' % index
        if written + len(group) + 1 > size:
            break
        groups.append(group)
        written += len(group) + 1
        index += 1
    return head + ",".join(groups) + tail


def node_with(devices):
    return '{"id":"n","host":"h","agent_port":7400,"devices":[' + devices + ']}'


def empty_groups(size):
    head = '{"format":1,"name":"empty","datacenters":[{"id":"dc","name":"dc","nodes":[' + node_with("")[:-2]
    tail = ']}]}],"run":{"model":{"layers":2,"heads":2,"dim":64,"context":64}}}'
    count = (size - len(head) - len(tail)) // 3
    return head + ",".join(["{}"] * count) + tail


def unknown_links(size):
    ids = ["%060d" % i for i in range(64)]
    datacenters = ",".join('{"id":"%s","name":"x","nodes":[%s]}' % (i, node_with('{"type":"H100","count":1}'))
                           for i in ids)
    head = '{"format":1,"name":"links","datacenters":[' + datacenters + '],"links":['
    tail = '],"run":{"model":{"layers":2,"heads":2,"dim":64,"context":64}}}'
    links = []
    written = len(head) + len(tail)
    index = 0
    while True:
        link = '{"a":"%060d","b":"%060d","gbit":1,"rtt_ms":1}' % (10**6 + index, 2 * 10**6 + index)
        if written + len(link) + 1 > size:
            break
        links.append(link)
        written += len(link) + 1
        index += 1
    return head + ",".join(links) + tail


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["deep-brackets", "random-nesting", "wide", "empty-groups", "unknown-links"])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--bytes", type=int, default=1 << 20)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    if args.kind == "deep-brackets":
        text = deep_brackets(args.count)
    elif args.kind == "random-nesting":
        text = random_nesting(args.bytes, args.seed)
    elif args.kind == "wide":
        text = wide(args.bytes)
    elif args.kind == "empty-groups":
        text = empty_groups(args.bytes)
    else:
        text = unknown_links(args.bytes)
    with open(args.out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
