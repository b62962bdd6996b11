"""The SLURM profile: what it plans without a cluster, and a run on a real one.

The first tests need no SLURM: a dry run, the rule graph and the summary with the
profile, and the memory asked for on each attempt. The others run the workflow on a
single-node SLURM cluster that a fixture starts for them: it installs Debian's
slurm-wlm and munge where they are missing (CI runs as root), starts munged, slurmctld
and slurmd on 127.0.0.1 with this machine's memory and cores (at least
compute_threads of them), and stops each daemon by its process id when the tests are
done, passed or not. They skip only where SLURM cannot be installed at all.
"""

import getpass
import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, Workflow, tiny_config
from test_workflow import job_counts

SLURM_PROGRAMS = ["munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue"]
DEBIAN_PACKAGES = ["slurm-wlm", "munge"]
PARTITION = "tiny"
# Long enough that squeue and scontrol still know every job of the run when Snakemake
# and the tests ask about it; without accounting storage they are all there is.
MIN_JOB_AGE_S = 600
DAEMON_START_TIMEOUT_S = 60
# The whole SLURM run; it normally takes a few minutes, a hung one fails here.
WORKFLOW_TIMEOUT_S = 600
# What each training and clustering job computes with, and so asks SLURM for.
COMPUTE_THREADS = yaml.safe_load((PROJECT / "config" / "schema.yaml").read_text())[
    "properties"
]["compute_threads"]["default"]
# The autoencoder methods exercise every kind of job that goes to SLURM; pixel
# K-Means only adds another of the same kind.
SLURM_METHODS = ["ae_kmeans", "ae_gmm"]
SUBMITTED = re.compile(r"has been submitted with SLURM jobid (\d+) \(log: (.+)\)\.")


def test_no_profile_that_snakemake_reads_unasked_names_an_executor():
    # Snakemake applies profiles/default without being told; a cluster executor
    # there would send every local run to a queue.
    default = PROJECT / "profiles" / "default" / "config.yaml"
    assert not default.exists() or "executor" not in yaml.safe_load(
        default.read_text()
    )


def test_dry_run_with_the_slurm_profile_plans_the_jobs_of_a_local_run(workflow):
    planned = workflow.snakemake("--workflow-profile", "profiles/slurm", "-n").stdout
    assert "This was a dry-run" in planned and job_counts(planned) == job_counts(
        workflow.snakemake("-n").stdout
    )


def test_rule_graph_and_summary_work_with_the_slurm_profile(workflow):
    profile = ("--workflow-profile", "profiles/slurm")
    graph = workflow.snakemake(*profile, "--rulegraph").stdout
    summary = workflow.snakemake(*profile, "--summary").stdout
    assert graph.startswith("digraph") and "train_autoencoder" in graph
    assert "results/summary.csv\t-\tsummarize" in summary


@pytest.mark.parametrize("attempt, mem_mb", [(1, 4000), (2, 8000)])
def test_training_asks_for_more_memory_on_each_attempt(workflow, attempt, mem_mb):
    # --attempt sets the attempt number a retry would have.
    planned = workflow.snakemake(
        "--workflow-profile", "profiles/slurm", "-n", "--attempt", str(attempt)
    ).stdout
    training = re.search(
        r"rule train_autoencoder:\n(?: +.*\n)*? +resources: .*\bmem_mb=(\d+)", planned
    )
    assert int(training.group(1)) == mem_mb


def _missing_programs():
    return [name for name in SLURM_PROGRAMS if shutil.which(name) is None]


def _install_slurm():
    """Install SLURM and munge with apt-get; return why not, or None on success."""
    if shutil.which("apt-get") is None:
        return "no apt-get on this machine to install " + " ".join(DEBIAN_PACKAGES)
    if os.geteuid() != 0:
        return "installing " + " ".join(DEBIAN_PACKAGES) + " needs root"
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends",
         *DEBIAN_PACKAGES],
    ):
        process = subprocess.run(
            command, env=environment, capture_output=True, text=True
        )
        if process.returncode != 0:
            return f"{' '.join(command)} failed: {process.stderr.strip()[-2000:]}"
    return None


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _memory_mb():
    # The same measure slurmd takes of the node, so the node is not drained for
    # claiming more memory than it has.
    return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20


def _write_slurm_conf(folder, munge_socket):
    """Write a single-node cluster's slurm.conf into ``folder``; return its path."""
    for part in ("state", "spool"):
        (folder / part).mkdir()
    settings = {
        "ClusterName": "fashiontest",
        "SlurmctldHost": "localhost(127.0.0.1)",
        "SlurmctldPort": _free_port(),
        "SlurmdPort": _free_port(),
        "SlurmUser": getpass.getuser(),
        "SlurmdUser": getpass.getuser(),
        "AuthType": "auth/munge",
        "AuthInfo": f"socket={munge_socket}",
        "StateSaveLocation": folder / "state",
        "SlurmdSpoolDir": folder / "spool",
        "SlurmctldPidFile": folder / "slurmctld.pid",
        "SlurmdPidFile": folder / "slurmd.pid",
        "SlurmctldLogFile": folder / "slurmctld.log",
        "SlurmdLogFile": folder / "slurmd.log",
        # No cgroups in a container: track job processes by their parent ids.
        "ProctrackType": "proctrack/linuxproc",
        "TaskPlugin": "task/none",
        "MpiDefault": "none",
        "SelectType": "select/cons_tres",
        "SelectTypeParameters": "CR_Core_Memory",
        "AccountingStorageType": "accounting_storage/none",
        "JobAcctGatherType": "jobacct_gather/none",
        "ReturnToService": 2,
        "MinJobAge": MIN_JOB_AGE_S,
        # Take the node's CPUs from this file, not from the hardware.
        "SlurmdParameters": "config_overrides",
    }
    # At least as many CPUs as a job computes with, or its sbatch would be refused;
    # on a smaller machine the jobs share its cores, as they do in a local run.
    cpus = max(len(os.sched_getaffinity(0)), COMPUTE_THREADS)
    lines = [f"{key}={value}" for key, value in settings.items()] + [
        f"NodeName=localhost NodeAddr=127.0.0.1 CPUs={cpus} "
        f"RealMemory={_memory_mb()} State=UNKNOWN",
        f"PartitionName={PARTITION} Nodes=localhost Default=YES MaxTime=INFINITE "
        "State=UP",
    ]
    path = folder / "slurm.conf"
    path.write_text("\n".join(lines) + "\n")
    return path


def _write_srun_wrapper(folder, slurm_conf):
    """Put an ``srun`` that finds ``slurm_conf`` first on the jobs' PATH.

    Inside each job the jobstep plugin drops every SLURM_* variable, SLURM_CONF too,
    before it calls srun; a real cluster keeps its config at the default path, ours
    lives in a scratch folder, so the job's srun is told where it is.
    """
    folder.mkdir()
    wrapper = folder / "srun"
    wrapper.write_text(
        "#!/bin/sh\n"
        f"SLURM_CONF={slurm_conf} exec {shutil.which('srun')} \"$@\"\n"
    )
    wrapper.chmod(0o755)
    return folder


class Cluster:
    """A running single-node SLURM cluster and the environment its clients need."""

    def __init__(self, folder):
        self.folder = folder
        self.daemons = []
        self.environment = {}

    def start(self):
        folder = self.folder
        munge_socket = folder / "munge.socket"
        subprocess.run(
            ["mungekey", "--create", "--keyfile", folder / "munge.key"],
            check=True, capture_output=True,
        )
        self._start_daemon("munged", [
            "munged", "--foreground", "--force", "--key-file", folder / "munge.key",
            "--socket", munge_socket, "--pid-file", folder / "munged.pid",
            "--log-file", folder / "munged.log", "--seed-file", folder / "munge.seed",
        ])
        slurm_conf = _write_slurm_conf(folder, munge_socket)
        self.environment = {
            "SLURM_CONF": str(slurm_conf),
            "PATH": f"{_write_srun_wrapper(folder / 'bin', slurm_conf)}:"
                    f"{os.environ['PATH']}",
        }
        self._start_daemon("slurmctld", ["slurmctld", "-D", "-i", "-f", slurm_conf])
        self._start_daemon("slurmd", ["slurmd", "-D", "-N", "localhost", "-f",
                                      slurm_conf])
        self._wait_for_idle_node()

    def _start_daemon(self, name, command):
        log = open(self.folder / f"{name}.out", "w")
        process = subprocess.Popen(
            [str(part) for part in command], stdout=log, stderr=subprocess.STDOUT,
            env=dict(os.environ, **self.environment),
        )
        log.close()
        self.daemons.append((name, process))

    def _wait_for_idle_node(self):
        # Daemons give no signal when the node has registered; poll sinfo briefly.
        deadline = time.monotonic() + DAEMON_START_TIMEOUT_S
        state = ""
        while time.monotonic() < deadline:
            for name, process in self.daemons:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"{name} exited with {process.returncode} while starting; "
                        f"see its log in {self.folder}:\n{self.daemon_logs()}"
                    )
            state = self.run("sinfo", "--noheader", "--format=%T", check=False)
            if state.strip() == "idle":
                return
            time.sleep(0.5)
        raise RuntimeError(
            f"the node was not idle {DAEMON_START_TIMEOUT_S} s after slurmd started "
            f"(sinfo said {state.strip()!r}):\n{self.daemon_logs()}"
        )

    def run(self, *command, check=True):
        """Run a SLURM client command against this cluster; return its stdout."""
        process = subprocess.run(
            command, env=dict(os.environ, **self.environment),
            capture_output=True, text=True,
        )
        if check and process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {process.stderr}")
        return process.stdout + (process.stderr if not check else "")

    def job(self, job_id):
        """The fields of ``scontrol show job`` for one job, as a dict."""
        record = self.run("scontrol", "--oneliner", "show", "job", str(job_id))
        return dict(
            field.split("=", 1) for field in record.split() if "=" in field
        )

    def daemon_logs(self):
        return "\n".join(
            f"--- {path.name}\n{path.read_text()[-3000:]}"
            for path in sorted(self.folder.glob("*.log")) + sorted(
                self.folder.glob("*.out")
            )
        )

    def stop(self):
        """Cancel what is left in the queue, then stop the daemons, newest first."""
        if self.environment and any(
            process.poll() is None for name, process in self.daemons
            if name == "slurmctld"
        ):
            self.run("scancel", "--user", getpass.getuser(), check=False)
        for name, process in reversed(self.daemons):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def slurm_cluster(tmp_path_factory):
    """A single-node SLURM cluster on 127.0.0.1, stopped after this module's tests."""
    if _missing_programs():
        reason = _install_slurm()
        if reason is not None:
            pytest.skip(f"SLURM cannot be installed: {reason}")
    missing = _missing_programs()
    if missing:
        pytest.skip(f"SLURM cannot be installed: still missing {', '.join(missing)}")

    cluster = Cluster(tmp_path_factory.mktemp("slurm"))
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()



def _job_blocks(log, kind):
    """(rule, outputs) of each job that a Snakemake log announces as ``kind``.

    ``kind`` is "rule" for jobs handed to the executor (in group jobs too, where
    the announcement is indented) and "localrule" for jobs run where Snakemake runs.
    """
    pattern = re.compile(rf"^ *{kind} (\w+):\n((?: +\w.*\n)+)", re.MULTILINE)
    blocks = []
    for rule, body in pattern.findall(log):
        outputs = re.search(r"^ +output: (.*)$", body, re.MULTILINE)
        blocks.append((rule, outputs.group(1) if outputs else ""))
    return blocks


@pytest.fixture(scope="module")
def slurm_run(slurm_cluster, tmp_path_factory, tiny_dataset):
    """The tiny workflow run up to its summary with the SLURM profile.

    Returns the workflow, Snakemake's own log, and for each SLURM job its id, the
    fields scontrol reports and the text of its SLURM log.
    """
    folder, checksums = tiny_dataset
    workflow = Workflow(
        tmp_path_factory.mktemp("slurm-run") / "workflow",
        {**tiny_config(folder, checksums), "methods": SLURM_METHODS},
    )
    process = workflow.snakemake(
        "results/summary.csv",
        "--workflow-profile", "profiles/slurm",
        # A group job asks for at most --cores CPUs: as many as a job computes with.
        "--cores", str(COMPUTE_THREADS),
        # Without accounting storage sacct knows no jobs; squeue does, for
        # MinJobAge seconds after they end.
        "--slurm-status-command", "squeue",
        "--slurm-init-seconds-before-status-checks", "1",
        "--slurm-keep-successful-logs",
        environment=slurm_cluster.environment,
        timeout=WORKFLOW_TIMEOUT_S,
    )
    log = process.stdout + process.stderr
    slurm_jobs = {
        int(slurm_id): (slurm_cluster.job(slurm_id), Path(path).read_text())
        for slurm_id, path in SUBMITTED.findall(log)
    }
    return workflow, log, slurm_jobs


def test_every_slurm_job_of_the_run_completed(slurm_run):
    _, _, slurm_jobs = slurm_run
    states = {
        slurm_id: (fields["JobState"], fields["ExitCode"])
        for slurm_id, (fields, _) in slurm_jobs.items()
    }
    assert states and set(states.values()) == {("COMPLETED", "0:0")}


def test_every_job_not_declared_local_ran_inside_a_slurm_job(slurm_run):
    _, log, slurm_jobs = slurm_run
    # Inside a SLURM job the jobstep plugin runs each job through srun, where it is
    # announced as a local job.
    ran_in_slurm = sorted(
        block for _, slurm_log in slurm_jobs.values()
        for block in _job_blocks(slurm_log, "localrule")
    )
    handed_to_slurm = sorted(_job_blocks(log, "rule"))
    assert ran_in_slurm == handed_to_slurm and {
        "convert_to_parquet", "train_autoencoder", "cluster_gmm", "score_clustering"
    } <= {rule for rule, _ in handed_to_slurm}


def test_training_uses_as_many_threads_as_its_slurm_job_has_cpus(slurm_run):
    workflow, _, slurm_jobs = slurm_run
    (cpus,) = [
        int(fields["CPUs/Task"]) for fields, slurm_log in slurm_jobs.values()
        if "localrule train_autoencoder:" in slurm_log
    ]
    training_log = workflow.path("logs/train_autoencoder/seed0.log").read_text()
    assert cpus == COMPUTE_THREADS and f"CPU ({cpus} threads)" in training_log


@pytest.mark.parametrize("method", SLURM_METHODS)
def test_slurm_run_scores_equal_those_of_a_local_run(slurm_run, finished_workflow,
                                                     method):
    workflow, _, _ = slurm_run
    read = lambda run: json.loads(  # noqa: E731
        run.path(f"results/metrics/{method}/seed0.json").read_text()
    )
    assert read(workflow) == read(finished_workflow)
