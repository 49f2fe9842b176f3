using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>What a handler gets for one request: the client, and the reply buffer it writes into.</summary>
public sealed class CommandContext(ClientSession client, ReplyBuffer reply)
{
    public ClientSession Client { get; } = client;

    public ReplyBuffer Reply { get; } = reply;

    /// <summary>The logged-in user; handlers behind the "needs login" precondition may rely on it.</summary>
    public ChatUser User => Client.User ?? throw new InvalidOperationException("the command table lets only logged-in users here");
}
