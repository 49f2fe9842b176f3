using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// Raised after every successful login. On a reconnect the rooms the user was in have been
/// re-joined by the time this is raised, so a listener can fetch the history it missed.
/// </summary>
public sealed class SessionStartedEventArgs(HelloOk hello, bool isReconnect) : EventArgs
{
    public HelloOk Hello { get; } = hello;
    public bool IsReconnect { get; } = isReconnect;
}
