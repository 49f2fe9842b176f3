using TuiChat.Protocol;

namespace TuiChat.Server;

/// <summary>
/// Everything a <see cref="ChatServer"/> needs to know at start. Program fills it from the command
/// line; tests build it directly (port 0, short housekeeping interval, few PBKDF2 iterations).
/// </summary>
public sealed record ServerOptions
{
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port; <see cref="ChatServer.Port"/> tells which.</summary>
    public int Port { get; init; } = 5000;

    public string DataDirectory { get; init; } = "./data";

    /// <summary>Plain-text IRC listener (docs/IRC.md); null: off. 0 picks a free port.</summary>
    public int? IrcPort { get; init; }

    /// <summary>IRC over TLS with the server's certificate; null: off. Needs the TLS certificate.</summary>
    public int? IrcTlsPort { get; init; }

    /// <summary>Token-bucket refill per connection; 0 turns rate limiting off.</summary>
    public double RatePerSecond { get; init; } = ProtocolLimits.DefaultRatePerSecond;

    public int RateBurst { get; init; } = ProtocolLimits.RateBurst;

    public int MaxFrame { get; init; } = ProtocolLimits.DefaultMaxFrame;

    public long MaxFileBytes { get; init; } = ProtocolLimits.DefaultMaxFileBytes;

    public int OutboxBytes { get; init; } = ProtocolLimits.DefaultOutboundQueueBytes;

    /// <summary>Chat lines of one connection that may wait for their store commit before its reader waits too.</summary>
    public int MaxMessagesInFlight { get; init; } = 256;

    /// <summary>The password of the built-in <c>admin</c> account; null makes admin login impossible.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>PBKDF2 iterations for new password hashes (tests use fewer to stay fast).</summary>
    public int PasswordIterations { get; init; } = Accounts.PasswordHasher.DefaultIterations;

    public TimeSpan HelloDeadline { get; init; } = ProtocolLimits.HelloDeadline;

    public TimeSpan IdlePing { get; init; } = ProtocolLimits.IdlePing;

    public TimeSpan IdleTimeout { get; init; } = ProtocolLimits.IdleTimeout;

    /// <summary>How often (in real time) the deadlines of all connections are checked against the TimeProvider.</summary>
    public TimeSpan HousekeepingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed logins per account and per address within <see cref="LoginFailureWindow"/> before logins are refused.</summary>
    public int MaxLoginFailures { get; init; } = 5;

    public TimeSpan LoginFailureWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Stack of each connection's reader thread: small, so thousands of idle clients stay cheap.</summary>
    public int ReaderStackBytes { get; init; } = 256 * 1024;

    /// <summary>Connections one IP address may hold at once; 0 turns the limit off.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 16;

    /// <summary>Sessions one registered account may have at once (a laptop, a phone, an IRC client); a guest has one.</summary>
    public int MaxSessionsPerAccount { get; init; } = 8;

    /// <summary>Downloads (<c>file.get</c>) one connection may have open at once, each an open file.</summary>
    public int MaxDownloadsPerConnection { get; init; } = 4;

    /// <summary>Largest frame accepted before <c>hello</c> succeeds: a stranger cannot make the server allocate more.</summary>
    public int MaxFrameBeforeLogin { get; init; } = 8 * 1024;

    /// <summary>
    /// Bytes queued for all clients together. Past it, a connection with more than
    /// <see cref="OutboundFairShareBytes"/> queued is dropped (sendq) at its next frame, so
    /// readers that keep up are never the ones dropped.
    /// </summary>
    public long MaxOutboundBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>What one connection may keep queued while the server as a whole is over <see cref="MaxOutboundBytes"/>.</summary>
    public int OutboundFairShareBytes { get; init; } = 1024 * 1024;

    /// <summary>Accounts one address may register within <see cref="RegistrationWindow"/>; 0 turns the limit off.</summary>
    public int MaxRegistrationsPerAddress { get; init; } = 5;

    public TimeSpan RegistrationWindow { get; init; } = TimeSpan.FromHours(1);

    public string ServerName { get; init; } = "tuichat-server/1.0";

    public string? Motd { get; init; }

    public string FilesDirectory => Path.Combine(DataDirectory, "files");
}
