using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>What a handler gets for one request: the server's services, the client, and the request id.</summary>
public sealed class CommandContext(ServerServices services, ClientSession client, string? requestId)
{
    public ServerServices Services { get; } = services;

    public ClientSession Client { get; } = client;

    /// <summary>The <c>re</c> for an ok reply (empty when the request has no id; the reply is then not sent).</summary>
    public string Re { get; } = requestId ?? "";

    /// <summary>The logged-in user; handlers behind the "needs login" precondition may rely on it.</summary>
    public ChatUser User => Client.User ?? throw new InvalidOperationException("the command table lets only logged-in users here");
}
