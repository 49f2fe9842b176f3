using System.Reflection;
using CommandLine;
using CommandLine.Text;

namespace TuiChat.Cli;

/// <summary>
/// Parses a command line the same way in every binary: <c>--help</c> and <c>--version</c> print to
/// standard output and exit 0 (so <c>tuichat --help | less</c> works); a bad option prints the
/// errors and the usage to standard error and exits 2.
/// </summary>
public static class CommandLineRunner
{
    /// <summary>Exit code for bad options or a bad config file.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// The parser every binary uses. Repeated options are allowed and the last one wins: that is
    /// how a config file's and the environment's values are layered around the command line's.
    /// </summary>
    public static Parser CreateParser() => new(settings =>
    {
        settings.HelpWriter = null;
        settings.AllowMultiInstance = true;
        settings.CaseInsensitiveEnumValues = true;
    });

    /// <summary>Parses <paramref name="args"/> and runs <paramref name="run"/>, or answers help, version or errors.</summary>
    public static int Run<TOptions>(string[] args, Func<TOptions, int> run) =>
        TryParse(args, Console.Out, Console.Error, out TOptions? options, out int exitCode) ? run(options!) : exitCode;

    /// <summary>True with the options, or false with the exit code once help, version or errors are printed.</summary>
    public static bool TryParse<TOptions>(IEnumerable<string> args, TextWriter output, TextWriter errors, out TOptions? options, out int exitCode)
    {
        using Parser parser = CreateParser();
        ParserResult<TOptions> result = parser.ParseArguments<TOptions>(args);
        if (result is Parsed<TOptions> parsed)
        {
            options = parsed.Value;
            exitCode = 0;
            return true;
        }

        options = default;
        IEnumerable<Error> all = ((NotParsed<TOptions>)result).Errors;
        if (all.Any(e => e is VersionRequestedError))
        {
            output.WriteLine(VersionLine());
            exitCode = 0;
        }
        else if (all.All(e => e is HelpRequestedError))
        {
            output.WriteLine(Help(result));
            exitCode = 0;
        }
        else
        {
            errors.WriteLine(Help(result));
            exitCode = UsageError;
        }
        return false;
    }

    /// <summary>"tuichat-server 1.0.0": the program name and the version set once in Directory.Build.props.</summary>
    public static string VersionLine()
    {
        Assembly entry = Assembly.GetEntryAssembly()!;
        return $"{entry.GetName().Name} {ProductVersion(entry)}";
    }

    /// <summary>The informational version of <paramref name="assembly"/> (the package version).</summary>
    public static string ProductVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString() ?? "unknown";

    private static HelpText Help<TOptions>(ParserResult<TOptions> result) => HelpText.AutoBuild(result, help =>
    {
        help.Heading = VersionLine();
        help.Copyright = "";
        help.AdditionalNewLineAfterOption = false;
        help.AddDashesToOption = true;
        help.MaximumDisplayWidth = 100;
        return HelpText.DefaultParsingErrorsHandler(result, help);
    }, example => example);
}
