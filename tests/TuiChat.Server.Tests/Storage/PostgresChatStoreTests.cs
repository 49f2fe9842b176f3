using TuiChat.Server.Storage;
using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Tests.Storage;

/// <summary>The PostgreSQL store keeps the same contract as SQLite and memory (each test in a schema of its own).</summary>
public sealed class PostgresChatStoreTests : ChatStoreContractTests
{
    private TestSchema? _schema;

    protected override IChatStore CreateStore()
    {
        _schema = TestPostgres.CreateSchema();
        return PostgresChatStore.Open(_schema.ConnectionString, passwordVariable: null);
    }

    public override void Dispose()
    {
        base.Dispose();
        _schema?.Dispose();
    }
}
