using System.Globalization;
using System.Reflection;
using CommandLine;

namespace TuiChat.Cli;

/// <summary>
/// One command-line option as CommandLineParser's <see cref="OptionAttribute"/> defines it, and
/// every name derived from that definition: the config-file key and the environment variable.
/// Help, the config file, the environment, <c>--print-config</c> and the man pages all read these,
/// so an option added to an options class is reachable everywhere without being written twice.
/// </summary>
public sealed record OptionSpec(OptionAttribute Attribute, PropertyInfo Property)
{
    /// <summary>Prefix of every environment variable that sets an option.</summary>
    public const string EnvironmentPrefix = "TUICHAT_";

    public string LongName => Attribute.LongName;

    public string Flag => "--" + LongName;

    /// <summary>The key in a config file: the long option name as it is (<c>max-file-mb = 100</c>).</summary>
    public string ConfigKey => LongName;

    /// <summary><c>--max-file-mb</c> becomes <c>TUICHAT_MAX_FILE_MB</c>.</summary>
    public string EnvironmentVariable => EnvironmentPrefix + LongName.Replace('-', '_').ToUpperInvariant();

    /// <summary>A switch takes no value on the command line; in a file or the environment it is true or false.</summary>
    public bool IsSwitch => ValueType == typeof(bool);

    /// <summary>Options like <c>--config</c> that only make sense on the command line.</summary>
    public bool CommandLineOnly => Property.IsDefined(typeof(CommandLineOnlyAttribute));

    public Type ValueType => Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;

    /// <summary>The placeholder for the value in a synopsis: <c>--port N</c>, <c>--bind TEXT</c>.</summary>
    public string ValueName => !string.IsNullOrEmpty(Attribute.MetaValue) ? Attribute.MetaValue : ValueType switch
    {
        _ when IsSwitch => "",
        _ when ValueType == typeof(int) || ValueType == typeof(long) => "N",
        _ when ValueType == typeof(double) => "NUMBER",
        _ when ValueType.IsEnum => string.Join('|', Enum.GetNames(ValueType)).ToLowerInvariant(),
        _ => "TEXT",
    };

    /// <summary>What a value must look like, for error messages: "a whole number", "true or false".</summary>
    public string ValueKind => ValueType switch
    {
        _ when IsSwitch => "true or false",
        _ when ValueType == typeof(int) || ValueType == typeof(long) => "a whole number",
        _ when ValueType == typeof(double) => "a number",
        _ when ValueType.IsEnum => "one of " + string.Join(", ", Enum.GetNames(ValueType)).ToLowerInvariant(),
        _ => "text",
    };

    /// <summary>The default as the help shows it, or null when the option has none.</summary>
    public string? DefaultText => Attribute.Default switch
    {
        null => null,
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        var other => other.ToString(),
    };
}

/// <summary>Marks an option that is read from the command line only: never from a config file or the environment.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CommandLineOnlyAttribute : Attribute;

/// <summary>The options of one options class, in declaration order.</summary>
public static class OptionCatalog
{
    public static IReadOnlyList<OptionSpec> Of<TOptions>() => Of(typeof(TOptions));

    public static IReadOnlyList<OptionSpec> Of(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<OptionAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => new OptionSpec(p.Attribute!, p.Property))
            .ToList();
}
