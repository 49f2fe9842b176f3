using CommandLine;

namespace TuiChat.Bench;

/// <summary>The command line of <c>tuichat-bench</c> (CommandLineParser fills it by reflection).</summary>
public sealed class BenchOptions
{
    [Option("proto", Default = "tuichat", HelpText = "Protocol: tuichat or irc.")]
    public string Proto { get; set; } = "tuichat";

    [Option("host", Default = "127.0.0.1", HelpText = "Server address (an IP address).")]
    public string Host { get; set; } = "127.0.0.1";

    [Option("port", Separator = ',', HelpText = "Server port (5000 when omitted). Several, comma-separated (5000,5001,5002): the servers of a cluster; client i uses the (i mod N)-th.")]
    public IEnumerable<int> Ports { get; set; } = [];

    [Option("clients", Default = 100, HelpText = "Clients that join the room (with --idle: clients that only log in).")]
    public int Clients { get; set; } = 100;

    [Option("idle-clients", Default = 0, HelpText = "Extra clients that log in but join no room and stay idle during the run.")]
    public int IdleClients { get; set; }

    [Option("senders", Default = 10, HelpText = "How many of the room's clients send.")]
    public int Senders { get; set; } = 10;

    [Option("messages", Default = 1000, HelpText = "Messages per sender.")]
    public int Messages { get; set; } = 1000;

    [Option("size", Default = 64, HelpText = "Message text size in bytes (at least 29, the marker).")]
    public int Size { get; set; } = 64;

    [Option("rate", Default = 0.0, HelpText = "Total messages per second over all senders; 0 = full speed.")]
    public double Rate { get; set; }

    [Option("window", Default = 256, HelpText = "Full speed only: messages a sender may have in flight to its slowest receiver; 0 = unlimited.")]
    public int Window { get; set; } = 256;

    [Option("room", Default = "#bench", HelpText = "The room (channel) everybody joins.")]
    public string Room { get; set; } = "#bench";

    [Option("rooms", Default = 0, HelpText = "Spread the clients over N rooms (client i joins <room>-<i mod N>; N = 1: <room>); with --idle they then join too. 0 = --room, and idle clients join nothing.")]
    public int Rooms { get; set; }

    [Option("connect-parallel", Default = 50, HelpText = "Clients connecting and logging in at the same time.")]
    public int ConnectParallel { get; set; } = 50;

    [Option("idle", Default = false, HelpText = "Only connect and log in --clients clients, hold them --hold seconds, report server memory.")]
    public bool Idle { get; set; }

    [Option("search", Default = false, HelpText = "Search benchmark: store --stored lines through the server in 10 rooms, then time --searches of each query.")]
    public bool Search { get; set; }

    [Option("stored", Default = 1_000_000, HelpText = "Search runs: lines to store before searching.")]
    public int Stored { get; set; } = 1_000_000;

    [Option("searches", Default = 100, HelpText = "Search runs: times each query is asked.")]
    public int Searches { get; set; } = 100;

    [Option("hold", Default = 3.0, HelpText = "Seconds to hold the connections before measuring memory (idle runs).")]
    public double Hold { get; set; } = 3.0;

    [Option("server-pid", Separator = ',', HelpText = "Server process id: report its RSS, CPU time and threads from /proc. Several, comma-separated (a cluster's nodes): their sums.")]
    public IEnumerable<int> ServerPids { get; set; } = [];

    [Option("user-prefix", Default = "bench", HelpText = "Client names are this prefix and a 4-digit number.")]
    public string UserPrefix { get; set; } = "bench";

    [Option("json-only", Default = false, HelpText = "Print only the JSON result line.")]
    public bool JsonOnly { get; set; }

    /// <summary>The ports given, or the default one.</summary>
    public IReadOnlyList<int> PortList => Ports.Any() ? [.. Ports] : [5000];

    [Option("timeout", Default = 120.0, HelpText = "Seconds allowed for the setup and, separately, for the load phase.")]
    public double Timeout { get; set; } = 120.0;
}
