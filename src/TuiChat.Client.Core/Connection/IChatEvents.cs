using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// What a view-model hears from a TuiChat session: who it is, where, how the connection stands,
/// and what the server says unasked. Events are raised on the connection's own reader thread:
/// listeners hand UI work to an <see cref="IUiDispatcher"/>. The requests are in
/// <see cref="IChatRequests"/>.
/// </summary>
public interface IChatEvents
{
    /// <summary>Current state; <see cref="StatusChanged"/> reports every change.</summary>
    ConnectionStatus Status { get; }

    /// <summary>The user name as the server spelled it after login (the requested name before).</summary>
    string UserName { get; }

    /// <summary>"host:port" of the server, for status lines.</summary>
    string ServerAddress { get; }

    event EventHandler<ConnectionStatus>? StatusChanged;

    /// <summary>After each successful login, the first and every reconnect.</summary>
    event EventHandler<SessionStartedEventArgs>? SessionStarted;

    /// <summary>Every server event (message, joined, left, presence, topic, invited, file, shutdown).</summary>
    event EventHandler<ServerEvent>? EventReceived;

    /// <summary>An <c>error</c> frame that answers no request (e.g. <c>file_corrupt</c>, <c>rate_limited</c>).</summary>
    event EventHandler<ErrorReply>? ErrorReceived;
}
