using TuiChat.Server.Storage;
using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Tests.Storage;

/// <summary><see cref="UncommittedHistoryContractTests"/> for PostgreSQL (a schema of its own per test).</summary>
public sealed class PostgresUncommittedHistoryTests : UncommittedHistoryContractTests
{
    private TestSchema? _schema;

    public override void Dispose() => _schema?.Dispose();

    protected override IChatStore Open(TimeSpan commitDelay)
    {
        _schema ??= TestPostgres.CreateSchema();
        return PostgresChatStore.Open(_schema.ConnectionString, passwordVariable: null, commitDelay);
    }
}
