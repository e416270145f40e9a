#!/usr/bin/env bash
# Start a single-node Slurm on this machine (Debian's slurm-wlm and munge), for `lmpv study --scheduler slurm`
# and test/verify/study/slurm.test.ts: a generated slurm.conf (this host's name and cores, SlurmUser=root,
# AuthType=auth/munge, ProctrackType=proctrack/linuxproc, TaskPlugin=task/none, one partition "lmpv"),
# a munge key, then munged, slurmctld and slurmd. Idempotent: does nothing when `sinfo` already answers
# with an idle or mixed node. Prints the partition name. Needs root.
set -euo pipefail
HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(awk '/MemTotal/ {print int($2/1024) - 512}' /proc/meminfo)
CONF=/etc/slurm/slurm.conf
if sinfo -h -o '%T' 2>/dev/null | grep -qE 'idle|mixed|alloc'; then echo lmpv; exit 0; fi
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /var/lib/munge /var/log/munge
cat > "$CONF" <<CONF
ClusterName=lmpv
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
MaxArraySize=10001
InactiveLimit=0
KillWait=5
MinJobAge=30
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$HOST CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=lmpv Nodes=$HOST Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 0400 /etc/munge/munge.key
chmod 0755 /run/munge
pgrep -x munged >/dev/null || munged --force 2>/dev/null || su -s /bin/sh munge -c 'munged --force'
pgrep -x slurmctld >/dev/null || slurmctld
pgrep -x slurmd >/dev/null || slurmd
for i in $(seq 1 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE 'idle|mixed|alloc'; then echo lmpv; exit 0; fi
  # a node left down or drained by an earlier start (daemons killed, host restarted) is put back
  if sinfo -h -o '%T' 2>/dev/null | grep -qE 'down|drain'; then scontrol update NodeName="$HOST" State=RESUME 2>/dev/null || true; fi
  sleep 1
done
echo "slurm-up: the node did not come up within 60 s; last lines of the logs:" >&2
tail -n 5 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
sinfo >&2 || true
exit 1
