#!/usr/bin/env bash
# Regenerates the figures of docs/simulation.md (docs/simulate-*.svg) with `shadowfleet simulate --plot`
# at the current defaults. Needs the shared traces (default ../shared/data; else SHADOWFLEET_SHARED_DATA).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${SHADOWFLEET_SHARED_DATA:-../shared/data}"
npx tsc -b
# The busiest 12 hours of World Cup 98: 7 July 1998 from 12:41 UTC (minute 97,391 of the trace).
node exporter/bin/shadowfleet.js simulate --trace "$DATA/worldcup98-rate/worldcup98_requests_per_minute.csv.gz" --strategy tiered \
  --plot docs/simulate-worldcup98-tiered.svg --plot-start 97391 --plot-minutes 720
# Eight hours of the Twitter series, bursts at a fixed phase.
node exporter/bin/shadowfleet.js simulate --trace "$DATA/twitter-stream-2021-08-rate/twitter_stream_2021_08_events_per_second.txt.gz" --strategy tiered \
  --plot docs/simulate-twitter-tiered.svg --plot-start 14940 --plot-minutes 480
