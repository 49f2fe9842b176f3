using TuiChat.Cli;

namespace TuiChat.Bench;

/// <summary>The text of docs/tuichat-bench.1.md around the options (which come from <see cref="BenchOptions"/>).</summary>
public static class BenchManual
{
    public static ToolManual Page { get; } = new(
        "tuichat-bench",
        "load tool for TuiChat and IRC servers",
        typeof(BenchOptions),
        Configurable: false,
        """
        Connects `--clients` clients to one room and lets `--senders` of them send `--messages`
        messages each, then reports deliveries per second, p50/p99/max latency, lost messages and
        dropped clients, and one JSON line on standard output. Start the server with `--rate 0`
        for it. `--idle` only holds logged-in clients and, with `--server-pid`, reports the
        server's memory and threads. `--proto irc` runs the same workload against an IRC server.
        `--search` stores `--stored` lines through the server in ten rooms, then times `--searches`
        replies to each of a set of search queries, for a user in every room and one in a single room.
        Figures and commands are in docs/BENCHMARKS.md.
        """,
        [
            ("EXIT STATUS", """
                0 when the run was clean, after `--help` and `--version`; 1 when messages were lost or
                clients dropped; 2 for bad options or a failed setup.
                """),
            ("SEE ALSO", "tuichat-server(1), docs/BENCHMARKS.md"),
        ]);
}
