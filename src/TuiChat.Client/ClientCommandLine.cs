using TuiChat.Cli;
using TuiChat.Cli.Configuration;
using TuiChat.Client.Configuration;
using TuiChat.Client.Core.Settings;
using TuiChat.Client.Tui;

namespace TuiChat.Client;

/// <summary>
/// From <c>args</c> to a running client: the command line names the config file (<c>--config</c>)
/// and server (<c>--server</c>); the file's option keys go before the command line's, which wins
/// (the parser's "last one wins", as in the server); its sections become the preferences.
/// </summary>
internal static class ClientCommandLine
{
    public static int Run(string[] args) =>
        CommandLineRunner.Run<ClientOptions>(args, commandLine => RunWithConfig(args, commandLine));

    private static int RunWithConfig(string[] args, ClientOptions commandLine)
    {
        var catalog = new PreferenceCatalog(ActionKeys.IsKey);
        string path = commandLine.Config ?? ClientConfigFile.DefaultPath(Environment.GetEnvironmentVariable);
        ClientConfig config;
        try
        {
            config = ClientConfigFile.Load(path, named: commandLine.Config is not null, commandLine.Server, catalog);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine("tuichat: " + e.Message);
            return CommandLineRunner.UsageError;
        }

        IEnumerable<string> layered = config.Options.SelectMany(v => v.Tokens).Concat(args);
        return CommandLineRunner.TryParse(layered, Console.Out, Console.Error, out ClientOptions? options, out int exitCode)
            ? ClientLauncher.Run(options!, new LoadedConfig(path, catalog, config))
            : exitCode;
    }
}

/// <summary>The config file as read at start: where it is, the catalog that checked it, and what it said.</summary>
internal sealed record LoadedConfig(string Path, PreferenceCatalog Catalog, ClientConfig Content);
