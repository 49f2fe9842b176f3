using System.Collections;

namespace TuiChat.Cli.Configuration;

public static class LayeredSettings
{
    /// <summary>Reads <paramref name="configPath"/> (if any) and the environment; throws <see cref="ConfigException"/> on a bad value.</summary>
    public static LayeredSettings<TOptions> Load<TOptions>(IReadOnlyList<string> commandLine, string? configPath, IDictionary environment) => new(
        configPath is null ? [] : TomlConfigFile.Read<TOptions>(configPath),
        commandLine,
        EnvironmentSettings.Read<TOptions>(environment));
}

/// <summary>
/// The three places a setting comes from, in rising precedence: the config file, the command
/// line, the environment. They become one argument list (file values, then the command line,
/// then the environment's) that the parser reads with "last one wins", so the precedence is the
/// parser's own rule and every value passes through the same conversion and checks.
/// </summary>
public sealed class LayeredSettings<TOptions>
{
    private readonly IReadOnlyList<SettingValue> _file;
    private readonly IReadOnlyList<string> _commandLine;
    private readonly IReadOnlyList<SettingValue> _environment;

    internal LayeredSettings(IReadOnlyList<SettingValue> file, IReadOnlyList<string> commandLine, IReadOnlyList<SettingValue> environment)
    {
        _file = file;
        _commandLine = commandLine;
        _environment = environment;
    }

    public IEnumerable<string> Arguments =>
        _file.SelectMany(v => v.Tokens).Concat(_commandLine).Concat(_environment.SelectMany(v => v.Tokens));

    /// <summary>Where the effective value of <paramref name="option"/> came from, for <c>--print-config</c>.</summary>
    public string SourceOf(OptionSpec option)
    {
        if (_environment.LastOrDefault(v => v.Option.LongName == option.LongName) is { } fromEnvironment)
        {
            return fromEnvironment.Origin;
        }
        if (_commandLine.Any(t => t == option.Flag || t.StartsWith(option.Flag + "=", StringComparison.Ordinal)))
        {
            return "command line";
        }
        return _file.LastOrDefault(v => v.Option.LongName == option.LongName)?.Origin ?? "default";
    }
}
