//! PURE: whether nook runs inside a batch scheduler's job (Slurm, PBS, LSF, HTCondor), told
//! by the job's variables or by a cgroup path under a Slurm job's `job_N/step_M`. Inside a
//! job nook never asks systemd for a scope: the job's cgroup holds its memory limit, its
//! accounting and its `scancel`.

use serde::Serialize;

/// The job nook runs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchJob {
    /// "Slurm", "PBS", "LSF" or "HTCondor".
    pub scheduler: &'static str,
    /// The job's id (`SLURM_JOB_ID`, `PBS_JOBID` ...; from the cgroup path: its `job_N`).
    pub id: String,
    /// Slurm's step, when known (`SLURM_STEP_ID`, or the cgroup path's `step_M`).
    pub step: Option<String>,
}

impl BatchJob {
    /// "Slurm job 12 step 0".
    pub fn describe(&self) -> String {
        match &self.step {
            Some(s) => format!("{} job {} step {s}", self.scheduler, self.id),
            None => format!("{} job {}", self.scheduler, self.id),
        }
    }
}

/// The variables each scheduler sets in its jobs, in the order they are tried.
const VARIABLES: [(&str, &str); 4] = [
    ("SLURM_JOB_ID", "Slurm"),
    ("PBS_JOBID", "PBS"),
    ("LSB_JOBID", "LSF"),
    ("_CONDOR_JOB_AD", "HTCondor"),
];

/// `job_N` and `step_M` of a Slurm cgroup path (v1: `/slurm/uid_1000/job_12/step_0/task_0`,
/// v2: `/system.slice/slurmstepd.scope/job_12/step_0/user/task_0`), in any line of
/// `/proc/self/cgroup`.
fn slurm_cgroup(proc_cgroup: &str) -> Option<(String, String)> {
    proc_cgroup.lines().find_map(|line| {
        let path = line.splitn(3, ':').nth(2)?;
        let parts: Vec<&str> = path.split('/').collect();
        parts.windows(2).find_map(|w| {
            let job = w[0].strip_prefix("job_")?;
            let step = w[1].strip_prefix("step_")?;
            (!job.is_empty() && job.bytes().all(|b| b.is_ascii_digit()) && !step.is_empty())
                .then(|| (job.to_string(), step.to_string()))
        })
    })
}

/// The job nook runs in: `var` reads the environment, `proc_cgroup` is `/proc/self/cgroup`.
pub fn detect(var: &dyn Fn(&str) -> Option<String>, proc_cgroup: &str) -> Option<BatchJob> {
    let from_cgroup = slurm_cgroup(proc_cgroup);
    let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
    for (name, scheduler) in VARIABLES {
        let Some(value) = set(name) else { continue };
        let id = match scheduler {
            // The job ad is a file of the job's attributes, not an id.
            "HTCondor" => set("_CONDOR_JOB_ID")
                .or_else(|| set("CONDOR_JOBID"))
                .unwrap_or_else(|| "(id unknown)".to_string()),
            _ => value,
        };
        let step = match scheduler {
            "Slurm" => set("SLURM_STEP_ID").or_else(|| {
                from_cgroup
                    .as_ref()
                    .filter(|(job, _)| *job == id)
                    .map(|(_, s)| s.clone())
            }),
            _ => None,
        };
        return Some(BatchJob {
            scheduler,
            id,
            step,
        });
    }
    from_cgroup.map(|(id, step)| BatchJob {
        scheduler: "Slurm",
        id,
        step: Some(step),
    })
}

/// Whether a process catches signal `signo`, from its `/proc/PID/status` (`SigCgt`, a hex
/// mask of bit `signo - 1`). A container's PID 1 that does not catch SIGTERM never sees it
/// (the kernel drops it), so at the end of a job step nook kills it at once.
pub fn catches(proc_status: &str, signo: i32) -> bool {
    proc_status
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| (1..=64).contains(&signo) && mask & (1u64 << (signo - 1)) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn slurm_by_its_variables() {
        let j = detect(&env(&[("SLURM_JOB_ID", "12"), ("SLURM_STEP_ID", "0")]), "").unwrap();
        assert_eq!(j.describe(), "Slurm job 12 step 0");
        let j = detect(&env(&[("SLURM_JOB_ID", "12")]), "").unwrap();
        assert_eq!(j.describe(), "Slurm job 12");
        // An empty variable is no job.
        assert_eq!(detect(&env(&[("SLURM_JOB_ID", " ")]), ""), None);
        assert_eq!(detect(&env(&[]), "0::/user.slice/user-1000.slice"), None);
    }

    #[test]
    fn slurm_by_its_cgroup_path() {
        let v2 = "0::/system.slice/slurmstepd.scope/job_77/step_3/user/task_0\n";
        let j = detect(&env(&[]), v2).unwrap();
        assert_eq!(j.describe(), "Slurm job 77 step 3");
        let v1 = "12:memory:/slurm/uid_1000/job_5/step_batch/task_0\n0::/user.slice\n";
        assert_eq!(
            detect(&env(&[]), v1).unwrap().describe(),
            "Slurm job 5 step batch"
        );
        // The variable wins; the step comes from the path of the same job.
        let j = detect(&env(&[("SLURM_JOB_ID", "5")]), v1).unwrap();
        assert_eq!(j.describe(), "Slurm job 5 step batch");
        // Not a job's path.
        assert_eq!(
            detect(&env(&[]), "0::/job_x/step_1\n0::/a/job_/step_1"),
            None
        );
    }

    #[test]
    fn caught_signals_from_proc_status() {
        let status = "Name:\tpython3\nSigIgn:\t0000000001001000\nSigCgt:\t0000000180004002\n";
        assert!(catches(status, 2)); // SIGINT
        assert!(catches(status, 15)); // SIGTERM
        assert!(!catches(status, 1));
        let sleep = "SigIgn:\t0000000000000000\nSigCgt:\t0000000000000000\n";
        assert!(!catches(sleep, 15));
        assert!(!catches("", 15));
        assert!(!catches(status, 0));
    }

    #[test]
    fn other_schedulers() {
        let j = detect(&env(&[("PBS_JOBID", "123.server")]), "").unwrap();
        assert_eq!(j.describe(), "PBS job 123.server");
        assert_eq!(
            detect(&env(&[("LSB_JOBID", "9")]), "").unwrap().scheduler,
            "LSF"
        );
        let j = detect(&env(&[("_CONDOR_JOB_AD", "/var/lib/condor/.job.ad")]), "").unwrap();
        assert_eq!(j.describe(), "HTCondor job (id unknown)");
    }
}
