namespace TuiChat.Cli.Configuration;

/// <summary>
/// One option's value from outside the command line, already turned into the command-line tokens
/// that set it (<c>--port 5000</c>; a true switch is just <c>--menu</c>, a false one nothing), and
/// where it came from (<c>server.toml:3</c>, <c>$TUICHAT_PORT</c>) for <c>--print-config</c>.
/// </summary>
public sealed record SettingValue(OptionSpec Option, IReadOnlyList<string> Tokens, string Origin)
{
    /// <summary>
    /// Checks <paramref name="tokens"/> with the same parser the command line uses, so a value is
    /// accepted in a file or the environment exactly when it would be accepted as a flag.
    /// </summary>
    public static SettingValue Checked<TOptions>(OptionSpec option, IReadOnlyList<string> tokens, string origin, string shown)
    {
        using CommandLine.Parser parser = CommandLineRunner.CreateParser();
        CommandLine.ParserResult<TOptions> result = parser.ParseArguments<TOptions>(tokens);
        bool bad = result is CommandLine.NotParsed<TOptions> notParsed
            && notParsed.Errors.Any(e => e is not CommandLine.MissingRequiredOptionError);
        return bad
            ? throw new ConfigException($"{origin}: {option.ConfigKey}: expected {option.ValueKind}, got {shown}")
            : new SettingValue(option, tokens, origin);
    }
}
