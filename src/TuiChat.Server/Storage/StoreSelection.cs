using TuiChat.Server.Files;
using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Storage;

/// <summary>
/// Which store the command line asks for: PostgreSQL with <c>--postgres</c> (file contents in the
/// same database), else SQLite in <c>--data</c> (file contents in its files folder), as always.
/// </summary>
internal static class StoreSelection
{
    /// <param name="files">The file store that goes with it; null for the default one in the data folder.</param>
    /// <exception cref="StoreOpenException">The store cannot be used; the message says why.</exception>
    public static IChatStore Open(CommandLineOptions cli, out IFileStore? files)
    {
        if (cli.Postgres is { } connectionString)
        {
            PostgresChatStore postgres = PostgresChatStore.Open(connectionString, cli.PostgresPasswordEnv, cli.CommitDelay);
            files = postgres.Files;
            return postgres;
        }
        if (cli.PostgresPasswordEnv is not null)
        {
            throw new StoreOpenException("PostgreSQL", "--postgres-password-env names a password for --postgres, which is not set");
        }
        files = null;
        return SqliteChatStore.Open(cli.DataDirectory, cli.SqliteSynchronous, cli.CommitDelay);
    }
}
