import Foundation

/// CPU time of this process: every thread, in user space and in the kernel.
struct ProcessCPU {
    var user: Double
    var system: Double

    var total: Double { user + system }

    /// The CPU seconds used so far.
    static func now() -> ProcessCPU {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return ProcessCPU(user: seconds(usage.ru_utime), system: seconds(usage.ru_stime))
    }

    /// The time used between `start` and `self`, divided by `calls`, in microseconds.
    func microseconds(since start: ProcessCPU, per calls: Int) -> ProcessCPU {
        ProcessCPU(
            user: (user - start.user) * 1_000_000 / Double(calls),
            system: (system - start.system) * 1_000_000 / Double(calls))
    }
}
