using CommandLine;
using TuiChat.Cli;
using TuiChat.Protocol;

namespace TuiChat.Server;

/// <summary>
/// The settings of <c>tuichat-server</c>. Each <see cref="OptionAttribute"/> here is also a key in
/// the config file (<c>max-file-mb = 100</c>) and an environment variable (<c>TUICHAT_MAX_FILE_MB</c>),
/// and a line in <c>--help</c>, <c>--print-config</c> and docs/tuichat-server.1.md: see
/// <see cref="OptionSpec"/>. No option holds a secret itself; secrets are named environment variables.
/// </summary>
public sealed class CommandLineOptions
{
    [Option("config", MetaValue = "FILE", HelpText = "TOML file with settings; keys are the long option names (port = 5000). Flags override it, TUICHAT_* variables override both.")]
    [CommandLineOnly]
    public string? Config { get; set; }

    [Option("print-config", HelpText = "Print the effective settings, and where each comes from, as a config file; then exit.")]
    [CommandLineOnly]
    public bool PrintConfig { get; set; }

    [Option("backup", MetaValue = "FILE", HelpText = "Copy the database in --data to this new file (safe while the server runs); then exit.")]
    [CommandLineOnly]
    public string? Backup { get; set; }

    [Option("bind", MetaValue = "ADDRESS", Default = "127.0.0.1", HelpText = "Address to listen on (0.0.0.0 for all).")]
    public string Bind { get; set; } = "127.0.0.1";

    [Option("port", Default = 5000, HelpText = "TCP port (0 picks a free one).")]
    public int Port { get; set; } = 5000;

    [Option("irc-port", MetaValue = "PORT", HelpText = "Also accept IRC clients on this port (plain text; docs/IRC.md). Off when omitted.")]
    public int? IrcPort { get; set; }

    [Option("irc-tls-port", MetaValue = "PORT", HelpText = "Also accept IRC clients over TLS on this port, with the --tls-cert certificate. Off when omitted.")]
    public int? IrcTlsPort { get; set; }

    [Option("data", MetaValue = "DIR", Default = "./data", HelpText = "Data folder: database and uploaded files.")]
    public string DataDirectory { get; set; } = "./data";

    [Option("postgres", MetaValue = "CONNECTION", HelpText = "Keep everything (accounts, history, files) in this PostgreSQL database instead of SQLite in --data; several servers may share it. Npgsql keywords without a password: Host=/run/postgresql;Database=tuichat;Username=tuichat (see docs/SCALING.md).")]
    public string? Postgres { get; set; }

    [Option("postgres-password-env", MetaValue = "VAR", HelpText = "Environment variable holding the PostgreSQL password (omit for peer or trust authentication).")]
    public string? PostgresPasswordEnv { get; set; }

    [Option("redis", MetaValue = "ADDRESS", HelpText = "Run as one node of a cluster: Redis at host:port or a unix socket path carries every event to the other servers; needs --postgres (see docs/SCALING.md).")]
    public string? Redis { get; set; }

    [Option("log", MetaValue = "DIR", Default = "./logs", HelpText = "Folder for the rolling log files.")]
    public string LogDirectory { get; set; } = "./logs";

    [Option("rate", Default = ProtocolLimits.DefaultRatePerSecond, HelpText = "Requests per second per connection (burst 20); 0 turns the limit off.")]
    public double Rate { get; set; } = ProtocolLimits.DefaultRatePerSecond;

    [Option("max-frame", Default = ProtocolLimits.DefaultMaxFrame, HelpText = "Largest frame in bytes.")]
    public int MaxFrame { get; set; } = ProtocolLimits.DefaultMaxFrame;

    [Option("max-file-mb", Default = 100, HelpText = "Largest upload in MiB.")]
    public int MaxFileMb { get; set; } = 100;

    [Option("admin-password-env", MetaValue = "VAR", Default = "TUICHAT_ADMIN_PASSWORD", HelpText = "Environment variable holding the admin account's password (unset: no admin login).")]
    public string AdminPasswordEnv { get; set; } = "TUICHAT_ADMIN_PASSWORD";

    [Option("tls-cert", MetaValue = "FILE", HelpText = "PKCS#12 (.pfx) certificate with its private key: listen with TLS 1.2+ (see docs/STORAGE.md).")]
    public string? TlsCertificate { get; set; }

    [Option("tls-password-env", MetaValue = "VAR", HelpText = "Environment variable holding the .pfx password (omit for a .pfx without one).")]
    public string? TlsPasswordEnv { get; set; }

    [Option("max-connections-per-address", Default = 16, HelpText = "Connections one IP address may hold at once; more are refused with an error (0 turns the limit off).")]
    public int MaxConnectionsPerAddress { get; set; } = 16;

    [Option("max-sessions-per-account", Default = 8, HelpText = "Sessions one registered account may have at once (a laptop, a phone, an IRC client); more logins are refused with quota_exceeded. A guest name is online once.")]
    public int MaxSessionsPerAccount { get; set; } = 8;

    [Option("max-downloads-per-connection", Default = 4, HelpText = "Downloads one connection may have in progress at once (each holds an open file).")]
    public int MaxDownloadsPerConnection { get; set; } = 4;

    [Option("max-frame-before-login", Default = 8 * 1024, HelpText = "Largest frame in bytes accepted before a successful hello.")]
    public int MaxFrameBeforeLogin { get; set; } = 8 * 1024;

    [Option("max-outbound-mb", Default = 256, HelpText = "MiB queued for all clients together; past it, clients with over 1 MiB waiting are dropped (sendq).")]
    public int MaxOutboundMb { get; set; } = 256;

    [Option("max-registrations-per-address", Default = 5, HelpText = "Accounts one IP address may register per hour (0 turns the limit off).")]
    public int MaxRegistrationsPerAddress { get; set; } = 5;

    [Option("sqlite-synchronous", MetaValue = "full|normal", Default = Storage.SqliteSync.Full,
        HelpText = "SQLite durability: full fsyncs every commit before a message is acknowledged (survives a power cut); normal fsyncs only at WAL checkpoints (survives a crash of the server, not of the machine; less CPU per message). See docs/STORAGE.md.")]
    public Storage.SqliteSync SqliteSynchronous { get; set; } = Storage.SqliteSync.Full;

    /// <summary>The largest <see cref="CommitDelayMs"/>: a line's acknowledgement waits that long at most.</summary>
    public const int MaxCommitDelayMs = 1000;

    /// <summary>
    /// The commit delay of a single server: it delivers a line before its commit, so only the
    /// sender's acknowledgement waits, and 50 ms is below what a person notices next to a network
    /// round trip; at 200 lines/s it took a third off the server's CPU per delivery against 10 ms
    /// (docs/BENCHMARKS.md).
    /// </summary>
    public const int DefaultCommitDelayMs = 50;

    /// <summary>The commit delay of a cluster node (<c>--redis</c>): it delivers a line once stored, so everyone waits for the commit.</summary>
    public const int DefaultClusterCommitDelayMs = 10;

    [Option("commit-delay-ms", MetaValue = "MS",
        HelpText = "How long a lone chat line waits for others to share its store commit (one fsync for several lines at a moderate rate). A single server delivers it at once and only its acknowledgement waits: 50 ms by default. A cluster node (--redis) delivers it once stored: 10 ms by default. 0 commits each line at once; at most 1000. See docs/STORAGE.md.")]
    public int? CommitDelayMs { get; set; }

    public TimeSpan CommitDelay => TimeSpan.FromMilliseconds(CommitDelayMs ?? (Redis is null ? DefaultCommitDelayMs : DefaultClusterCommitDelayMs));

    public ServerOptions ToServerOptions(string? adminPassword) => new()
    {
        Bind = Bind,
        Port = Port,
        IrcPort = IrcPort,
        IrcTlsPort = IrcTlsPort,
        DataDirectory = DataDirectory,
        RatePerSecond = Rate,
        MaxFrame = MaxFrame,
        MaxFileBytes = MaxFileMb * 1024L * 1024L,
        AdminPassword = adminPassword,
        MaxConnectionsPerAddress = MaxConnectionsPerAddress,
        MaxSessionsPerAccount = MaxSessionsPerAccount,
        MaxDownloadsPerConnection = MaxDownloadsPerConnection,
        MaxFrameBeforeLogin = MaxFrameBeforeLogin,
        MaxOutboundBytes = MaxOutboundMb * 1024L * 1024L,
        MaxRegistrationsPerAddress = MaxRegistrationsPerAddress,
        Redis = Redis,
    };
}
