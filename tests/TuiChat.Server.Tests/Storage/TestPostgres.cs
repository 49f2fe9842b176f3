using System.Diagnostics;
using Npgsql;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// The PostgreSQL server the tests use, found once per test run: <c>TUICHAT_TEST_POSTGRES</c> (a
/// connection string of a user who may create schemas; CI sets it), else a throwaway cluster this
/// class starts itself with <c>initdb</c>/<c>pg_ctl</c> (on PATH or under /usr/lib/postgresql/*/bin)
/// on a unix socket in a temp folder, stopped when the test process exits. Each test gets its own
/// schema (<see cref="CreateSchema"/>), so tests are independent and can run in parallel.
/// When neither is there, <see cref="Unavailable"/> says why and the tests report themselves skipped
/// with that reason; they never pass without a database.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "TUICHAT_TEST_POSTGRES";

    private static readonly Lazy<(string? ConnectionString, string? WhyNot)> Server = new(Find);

    /// <summary>Why there is no PostgreSQL to test with; null when there is one.</summary>
    public static string? Unavailable => Server.Value.WhyNot;

    /// <summary>Skips the calling test, saying why, when there is no PostgreSQL.</summary>
    public static void RequireServer() => Skip.If(Unavailable is not null, Unavailable);

    /// <summary>The role that must give a password (pg_hba.conf: <c>local all tuichat_pw scram-sha-256</c>).</summary>
    public const string PasswordRole = "tuichat_pw";

    /// <summary>
    /// Gives <see cref="PasswordRole"/> a new password and the use of <paramref name="schema"/>; skips
    /// the test when the server would let the role in without a password (then nothing could be checked).
    /// </summary>
    public static void PreparePasswordRole(TestSchema schema, string password)
    {
        string server = Server.Value.ConnectionString!;
        Execute(server, $"""
            DO $$ BEGIN CREATE ROLE {PasswordRole} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            ALTER ROLE {PasswordRole} PASSWORD '{password}';
            GRANT ALL ON SCHEMA {schema.Name} TO {PasswordRole};
            """);
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT auth_method || ' ' || array_to_string(user_name, ',') FROM pg_hba_file_rules WHERE type = 'local' ORDER BY line_number LIMIT 1", connection);
        string? first = command.ExecuteScalar() as string;
        Skip.If(first != $"scram-sha-256 {PasswordRole}", $"the test PostgreSQL lets {PasswordRole} in without a password (first local rule: {first}); add 'local all {PasswordRole} scram-sha-256' first in pg_hba.conf");
    }

    /// <summary>A connection string to a new, empty schema of its own; the schema is dropped with the returned handle.</summary>
    public static TestSchema CreateSchema()
    {
        RequireServer();
        string schema = "t_" + Guid.NewGuid().ToString("N");
        Execute(Server.Value.ConnectionString!, $"CREATE SCHEMA {schema}");
        var builder = new NpgsqlConnectionStringBuilder(Server.Value.ConnectionString) { SearchPath = schema };
        return new TestSchema(builder.ConnectionString, schema, Server.Value.ConnectionString!);
    }

    internal static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static (string?, string?) Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            // Told to use this one: if it does not answer, that is a failure, not a skip.
            Execute(given, "SELECT 1");
            return (given, null);
        }
        string? bin = FindBinaries();
        if (bin is null)
        {
            return (null, $"PostgreSQL is not installed (no initdb/pg_ctl on PATH or under /usr/lib/postgresql/*/bin) and {Variable} is not set");
        }
        return (ThrowawayCluster.Start(bin), null);
    }

    private static string? FindBinaries()
    {
        IEnumerable<string> path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        IEnumerable<string> debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        return path.Concat(debian).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>A cluster in a temp folder, listening only on a unix socket there; gone when the tests end.</summary>
    private static class ThrowawayCluster
    {
        public static string Start(string bin)
        {
            string folder = Path.Combine(Path.GetTempPath(), "tuichat-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(folder);
            // PostgreSQL refuses to run as root: then it runs as the postgres user, as on a Debian machine.
            string? runAs = Environment.UserName == "root" ? "postgres" : null;
            if (runAs is not null)
            {
                Run("chown", null, runAs, folder);
            }
            string data = Path.Combine(folder, "data");
            Run(Path.Combine(bin, "initdb"), runAs, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
            // One role logs in with a password (to test --postgres-password-env); the rest is trusted.
            File.WriteAllText(Path.Combine(data, "pg_hba.conf"), $"local all {PasswordRole} scram-sha-256\nlocal all all trust\n");
            // fsync off: the tests check behaviour, not a power cut, and the machine is shared.
            Run(Path.Combine(bin, "pg_ctl"), runAs, "-D", data, "-l", Path.Combine(folder, "log"), "-w", "start",
                "-o", $"-k {folder} -c listen_addresses= -c fsync=off -c max_connections=200");
            // The test host may be killed soon after it starts exiting: a shell of its own stops the
            // cluster and removes the folder, whether or not the host is still there to wait for it.
            string stop = $"{(runAs is null ? "" : $"runuser -u {runAs} -- ")}'{Path.Combine(bin, "pg_ctl")}' -D '{data}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{folder}'";
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Process.Start(new ProcessStartInfo("sh") { ArgumentList = { "-c", stop }, UseShellExecute = false })?.Dispose();
            return $"Host={folder};Username=postgres;Database=postgres;Pooling=true";
        }

        private static void Run(string program, string? runAs, params string[] arguments)
        {
            var start = new ProcessStartInfo(runAs is null ? program : "runuser")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (runAs is not null)
            {
                foreach (string prefix in new[] { "-u", runAs, "--", program })
                {
                    start.ArgumentList.Add(prefix);
                }
            }
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{program} did not finish in 120 s");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output.Result}{errors.Result}");
            }
        }
    }
}

/// <summary>A schema of one test; dropped, with all it holds, on Dispose.</summary>
public sealed class TestSchema(string connectionString, string name, string serverConnectionString) : IDisposable
{
    public string Name { get; } = name;

    /// <summary>Connects to the test's own schema (Search Path).</summary>
    public string ConnectionString { get; } = connectionString;

    public void Dispose()
    {
        TestPostgres.Execute(serverConnectionString, $"DROP SCHEMA IF EXISTS {Name} CASCADE");
    }
}
