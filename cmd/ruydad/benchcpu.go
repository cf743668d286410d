package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// On a machine shared with other work, throughput says how much of the
// cores each server got as much as what it costs. The CPU time each side
// spends per request does not depend on that: the bench counts the
// server's (its process and its children: nginx's workers) and its own
// (the load generator's), and estimates from them the throughput the
// machine's cores would give were they all the bench's.

// clockTick is the unit of /proc's CPU times (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// procCPU returns the user and system CPU time pid has spent, from
// /proc/PID/stat; 0 where /proc does not tell.
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// pid (comm) state ppid … utime stime: comm may hold spaces, so the
	// fields are counted after its closing parenthesis.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(utime+stime) * clockTick
}

// groupCPU is procCPU of pid and of its children (nginx's workers).
func groupCPU(pid int) time.Duration {
	t := procCPU(pid)
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	if err != nil {
		return t
	}
	for _, c := range strings.Fields(string(b)) {
		if n, err := strconv.Atoi(c); err == nil {
			t += procCPU(n)
		}
	}
	return t
}

// selfCPU returns the CPU time this process (the load generator) has spent.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMeter measures the CPU time a server (pid and its children) and the
// load generator spend from its start to its stop.
type cpuMeter struct {
	pid            int
	server, client time.Duration
}

func startCPU(pid int) *cpuMeter {
	return &cpuMeter{pid: pid, server: groupCPU(pid), client: selfCPU()}
}

// stop sets r's CPU times to what was spent since start.
func (m *cpuMeter) stop(r *benchResult) {
	r.ServerCPU, r.ClientCPU = groupCPU(m.pid)-m.server, selfCPU()-m.client
}

// perRequest returns d per request of r, "n/a" when unknown.
func perRequest(d time.Duration, r *benchResult) string {
	if d <= 0 || r.Requests == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond)/float64(r.Requests))
}

// idleThroughput estimates the requests per second this machine's cores
// would answer were they all the bench's: each request costs the server's
// and the generator's CPU time, and nothing else runs. 0 when unknown.
func idleThroughput(r *benchResult) float64 {
	if r.ServerCPU <= 0 || r.ClientCPU <= 0 || r.Requests == 0 {
		return 0
	}
	perReq := (r.ServerCPU + r.ClientCPU).Seconds() / float64(r.Requests)
	return float64(runtime.NumCPU()) / perReq
}
