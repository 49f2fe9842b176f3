using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Storage;

/// <summary>The in-memory store the server's own tests run on must keep the same contract as SQLite.</summary>
public sealed class InMemoryChatStoreTests : ChatStoreContractTests
{
    protected override IChatStore CreateStore() => new InMemoryChatStore();
}
