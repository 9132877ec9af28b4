"""Prints the ten slowest test classes of the last run, from Surefire's and Failsafe's XML reports:
where the suite's time goes (unit tests, integration tests on the embedded stack, the moto subset)."""
import glob
import os
import sys
import xml.etree.ElementTree as ElementTree

target = sys.argv[1] if len(sys.argv) > 1 else "target"
runs = {"unit": "surefire-reports", "embedded": "failsafe-reports", "moto": "failsafe-reports-moto"}
timings = []
for stack, folder in runs.items():
    for report in glob.glob(os.path.join(target, folder, "TEST-*.xml")):
        try:
            suite = ElementTree.parse(report).getroot()
        except ElementTree.ParseError:
            continue
        timings.append((float(suite.get("time", "0")), suite.get("name", report), stack))
timings.sort(reverse=True)
print("The ten slowest test classes (seconds, class, stack):")
for seconds, name, stack in timings[:10]:
    print(f"{seconds:8.1f}  {name}  ({stack})")
print(f"{sum(t for t, _, _ in timings):8.1f}  all {len(timings)} classes")
