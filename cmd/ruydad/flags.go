package main

import (
	"flag"
	"strings"
)

// parseFlags parses args with fs, the flags allowed after the arguments
// too ("user role NAME editor --db FILE" as well as "--db FILE user role
// …"): each flag is moved first with its value (the next argument, unless
// the flag is a boolean or says name=value), then fs reads them, and what
// is left is fs.Args(). "--" ends the flags, as flag does; "-" alone is an
// argument (standard output).
func parseFlags(fs *flag.FlagSet, args []string) error {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i+1:]...)
			i = len(args)
			continue
		case len(a) < 2 || a[0] != '-':
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && !isBool(f) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return fs.Parse(append(append(flags, "--"), rest...))
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
