// Command pantau is Pantau's single binary: media monitoring and Indonesian
// sentiment analytics for Biro Adpim Kaltim. Each subcommand lives in its own
// cmd_*.go file and registers itself in commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand of the pantau binary.
type command struct {
	name    string
	summary string
	// run executes the command; it returns the process exit status.
	run func(ctx context.Context, env *cmdEnv, args []string) int
}

// cmdEnv carries the process streams so commands can be tested in-process.
type cmdEnv struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

var commands = map[string]command{}

func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("pantau: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := dispatch(ctx, &cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

func dispatch(ctx context.Context, env *cmdEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "pantau: perintah tidak dikenal %q; jalankan 'pantau --help' untuk daftar perintah\n", args[0])
		return 2
	}
	return c.run(ctx, env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Pantau — pemantauan media dan analisis sentimen untuk Biro Adpim Kaltim.")
	fmt.Fprintln(w, "\nPemakaian: pantau <perintah> [opsi]\n\nPerintah:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nJalankan 'pantau <perintah> --help' untuk opsi tiap perintah.")
}
