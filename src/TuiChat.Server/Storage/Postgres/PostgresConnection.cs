using Npgsql;

namespace TuiChat.Server.Storage.Postgres;

/// <summary>
/// Turns <c>--postgres</c> and <c>--postgres-password-env</c> into a data source. The password
/// comes only from the named environment variable: a connection string that holds one is refused,
/// so it never sits in a command line, a config file or a process list.
/// </summary>
internal static class PostgresConnection
{
    /// <exception cref="StoreOpenException">The connection string is malformed, holds a password, or the variable is unset.</exception>
    public static NpgsqlDataSource CreateDataSource(string connectionString, string? passwordVariable, out string description)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new StoreOpenException("PostgreSQL", $"--postgres is not a valid connection string ({error.Message})", error);
        }

        description = $"PostgreSQL {builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username}";
        if (builder.Password is not null)
        {
            throw new StoreOpenException(description,
                "the connection string holds a password; put it in an environment variable and name that with --postgres-password-env");
        }
        if (passwordVariable is not null)
        {
            string? password = Environment.GetEnvironmentVariable(passwordVariable);
            if (string.IsNullOrEmpty(password))
            {
                throw new StoreOpenException(description, $"the environment variable {passwordVariable} (--postgres-password-env) is not set");
            }
            builder.Password = password;
        }

        builder.ApplicationName ??= "tuichat-server";
        // The same few statements run all the time: let Npgsql prepare them on each connection.
        builder.MaxAutoPrepare = 32;
        return NpgsqlDataSource.Create(builder);
    }

    /// <summary>Says in one line why PostgreSQL could not be used (no stack trace).</summary>
    public static string Describe(Exception error) => error switch
    {
        PostgresException postgres => $"{postgres.MessageText} ({postgres.SqlState})",
        NpgsqlException { InnerException: { } inner } => $"cannot reach the server ({inner.Message})",
        _ => error.Message,
    };
}
