using System.Globalization;

namespace TuiChat.Client.Core.Connection;

public enum ConnectionState
{
    /// <summary>The first connection attempt is under way.</summary>
    Connecting,

    /// <summary>Logged in; requests flow.</summary>
    Connected,

    /// <summary>The connection dropped; the next attempt starts after <see cref="ConnectionStatus.RetryIn"/>.</summary>
    Reconnecting,

    /// <summary>Closed for good: the user quit, the login was refused, or the connection was disposed.</summary>
    Disconnected,
}

/// <summary>
/// Where the connection stands. <see cref="Reason"/> carries the login error, or why the last
/// session ended in words ("connection lost (…)", "server shutting down (…)") and, once an attempt
/// failed, why that attempt failed. <see cref="SlowedDown"/> is true while the server's rate
/// limit holds the outgoing lines back.
/// </summary>
public sealed record ConnectionStatus(ConnectionState State, TimeSpan? RetryIn = null, string? Reason = null, bool SlowedDown = false)
{
    public static ConnectionStatus Initial { get; } = new(ConnectionState.Disconnected);

    /// <summary>No session to send on: a reconnect is under way, or the client is disconnected for good.</summary>
    public bool IsBetweenSessions => State is ConnectionState.Reconnecting or ConnectionState.Disconnected;

    /// <summary>Short lower-case text for a status line: "connected", "reconnecting in 4s", "connected · slowed down by the server", ….</summary>
    public string Describe() => SlowedDown ? DescribeState() + " · slowed down by the server" : DescribeState();

    private string DescribeState() => State switch
    {
        ConnectionState.Connecting => "connecting",
        ConnectionState.Connected => "connected",
        ConnectionState.Reconnecting when RetryIn is { } wait =>
            string.Create(CultureInfo.InvariantCulture, $"reconnecting in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))}s"),
        ConnectionState.Reconnecting => "reconnecting",
        _ => string.IsNullOrEmpty(Reason) ? "disconnected" : "disconnected: " + Reason,
    };
}
