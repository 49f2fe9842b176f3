using TuiChat.Cli;
using TuiChat.Cli.Configuration;
using TuiChat.Server.Storage;

namespace TuiChat.Server;

/// <summary>
/// From <c>args</c> to the effective <see cref="CommandLineOptions"/>: the command line, then the
/// config file it names and the <c>TUICHAT_*</c> environment layered around it (file &lt; flag &lt;
/// environment). Answers the one-shot commands (<c>--print-config</c>, <c>--backup</c>) itself and
/// hands everything else to <paramref name="serve"/>.
/// </summary>
internal static class ServerCommandLine
{
    public static int Run(string[] args, Func<CommandLineOptions, int> serve) =>
        CommandLineRunner.Run<CommandLineOptions>(args, commandLine => RunLayered(args, commandLine, serve));

    private static int RunLayered(string[] args, CommandLineOptions commandLine, Func<CommandLineOptions, int> serve)
    {
        LayeredSettings<CommandLineOptions> layers;
        try
        {
            layers = LayeredSettings.Load<CommandLineOptions>(args, commandLine.Config, Environment.GetEnvironmentVariables());
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine("tuichat-server: " + e.Message);
            return CommandLineRunner.UsageError;
        }

        if (!CommandLineRunner.TryParse(layers.Arguments, Console.Out, Console.Error, out CommandLineOptions? options, out int exitCode))
        {
            return exitCode;
        }
        if (options!.PrintConfig)
        {
            SettingsPrinter.Print(options, layers, Console.Out);
            PrintSecrets(options);
            return 0;
        }
        if (options.MaxSessionsPerAccount < 1)
        {
            Console.Error.WriteLine("tuichat-server: --max-sessions-per-account must be at least 1 (an account needs one session to log in)");
            return CommandLineRunner.UsageError;
        }
        if (options.CommitDelayMs is < 0 or > CommandLineOptions.MaxCommitDelayMs)
        {
            Console.Error.WriteLine($"tuichat-server: --commit-delay-ms must be between 0 and {CommandLineOptions.MaxCommitDelayMs} (milliseconds)");
            return CommandLineRunner.UsageError;
        }
        if (options.Backup is not null && options.Postgres is not null)
        {
            Console.Error.WriteLine("tuichat-server: --backup copies the SQLite database in --data; back up a PostgreSQL database with pg_dump");
            return CommandLineRunner.UsageError;
        }
        return options.Backup is { } target ? Backup(options.DataDirectory, target) : serve(options);
    }

    private static int Backup(string dataFolder, string target)
    {
        try
        {
            SqliteChatStore.Backup(dataFolder, target);
        }
        catch (StoreOpenException e)
        {
            Console.Error.WriteLine($"tuichat-server: backup of {e.Path}: {e.Reason}");
            return 1;
        }
        Console.WriteLine($"backed up {Path.Combine(Path.GetFullPath(dataFolder), SqliteChatStore.FileName)} to {Path.GetFullPath(target)} ({new FileInfo(target).Length} bytes)");
        return 0;
    }

    /// <summary>Secrets are never printed: only whether each is set, and from which variable.</summary>
    private static void PrintSecrets(CommandLineOptions options)
    {
        Console.WriteLine($"# admin password: {SecretState(options.AdminPasswordEnv)}");
        if (options.TlsPasswordEnv is { } tlsVariable)
        {
            Console.WriteLine($"# TLS certificate password: {SecretState(tlsVariable)}");
        }
        if (options.PostgresPasswordEnv is { } postgresVariable)
        {
            Console.WriteLine($"# PostgreSQL password: {SecretState(postgresVariable)}");
        }
    }

    private static string SecretState(string variable) =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)) ? $"not set (${variable} is empty)" : $"set from ${variable} (hidden)";
}
