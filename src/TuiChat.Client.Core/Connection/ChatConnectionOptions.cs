namespace TuiChat.Client.Core.Connection;

/// <summary>How to reach and log in to a server, and how to behave when the connection drops.</summary>
public sealed record ChatConnectionOptions
{
    public required string Host { get; init; }
    public required int Port { get; init; }

    /// <summary>
    /// Servers of the same chat to try, in order, when <see cref="Host"/>:<see cref="Port"/> does not
    /// answer; after a lost connection the next server in the list is tried first (failover).
    /// </summary>
    public IReadOnlyList<ServerEndpoint> FailoverServers { get; init; } = [];

    /// <summary><see cref="Host"/>:<see cref="Port"/>, then <see cref="FailoverServers"/>.</summary>
    public IReadOnlyList<ServerEndpoint> Servers => [new ServerEndpoint(Host, Port), .. FailoverServers];
    public required string User { get; init; }

    /// <summary>Null logs in as a guest.</summary>
    public string? Password { get; init; }

    /// <summary>Create the account on the first login (reconnects log in to it).</summary>
    public bool Register { get; init; }

    public string ClientName { get; init; } = "tuichat/1.0";

    /// <summary>
    /// Wraps the raw socket stream, e.g. in TLS: (stream, host, cancellation) → stream to speak frames on.
    /// Null speaks plain TCP.
    /// </summary>
    public Func<Stream, string, CancellationToken, Task<Stream>>? WrapStream { get; init; }

    /// <summary>First reconnect delay; each failed attempt doubles it up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest frame accepted from the server.</summary>
    public int MaxFrame { get; init; } = TuiChat.Protocol.ProtocolLimits.DefaultMaxFrame;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
