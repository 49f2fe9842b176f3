using Serilog;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;
using TuiChat.Server.Files;
using TuiChat.Server.Storage;

namespace TuiChat.Server;

/// <summary>The server-wide objects every command handler may use.</summary>
public sealed record ServerServices(
    ServerOptions Options,
    TimeProvider Time,
    ChatState State,
    IChatStore Store,
    AccountService Accounts,
    IFileStore Files,
    IServerControl Control,
    ILogger Log)
{
    /// <summary>How a chat line becomes durable: the store, or in a cluster the cluster (which also delivers room lines).</summary>
    public ILineCommit Lines { get; init; } = new StoreLineCommit(Store);
}
