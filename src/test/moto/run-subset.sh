#!/usr/bin/env bash
# The integration tests' moto subset: a second, independent AWS emulator (moto's server mode) behind
# the `endpoint` test stack. Run after `mvn -B verify`, whose build it reuses; part of README's test
# command. moto speaks JSON, not CBOR, to Kinesis clients: TRIPFLOW_KINESIS_CBOR=false is what makes
# it work, and without it every test that touches Kinesis fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

if ! python3 -c 'import moto.server' >/dev/null 2>&1; then
  echo "moto subset skipped: python3 -m moto.server is not installed here"
  exit 0
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p target
python3 -m moto.server -H 127.0.0.1 -p "$port" > target/moto-server.log 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done
echo "moto $(python3 -c 'import moto; print(moto.__version__)') on port $port: the moto subset of the integration tests"

# The real-data KPIs on the first 250 trips (moto's Kinesis is slow) and every route test but the
# 2,000-order shop (moto answers a Query of an index by scanning the whole table, which an order's
# items-by-order lookup does once per order: the small shops run). Order independence and redrive
# as a process are proven on the embedded stack only: on moto they took 4.5 of the suite's minutes.
TRIPFLOW_TEST_STACK=endpoint AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
  TRIPFLOW_KINESIS_CBOR="${TRIPFLOW_KINESIS_CBOR:-false}" \
  mvn -B failsafe:integration-test failsafe:verify \
    -Dit.test='PipelineIT#replayingTheRealDataSetGivesKpisEqualToAReferenceComputedFromTheCsv,*RouteIT,!OrderFilesRouteIT#aShopDroppedInShuffledOrderAndAgainGivesTheReferenceKpis' \
    -Dtripflow.it.nsp-trips=250 -Dfailsafe.reports=target/failsafe-reports-moto
