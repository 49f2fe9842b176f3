using System.Collections;
using TuiChat.Cli;
using TuiChat.Cli.Configuration;

namespace TuiChat.Server.Tests.Configuration;

/// <summary>
/// Every server option, including ones added later, can be set from the command line, from the
/// config file and from its TUICHAT_* variable, because all three are derived from the same
/// [Option] definition. An option that cannot is a failure here, with its name.
/// </summary>
public sealed class OptionReachabilityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tuichat-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> SettableOptions()
    {
        var names = new TheoryData<string>();
        foreach (OptionSpec option in OptionCatalog.Of<CommandLineOptions>().Where(o => !o.CommandLineOnly))
        {
            names.Add(option.LongName);
        }
        return names;
    }

    [Theory]
    [MemberData(nameof(SettableOptions))]
    public void EveryOption_IsReachableFromFlagFileAndEnvironment(string name)
    {
        OptionSpec option = OptionCatalog.Of<CommandLineOptions>().Single(o => o.LongName == name);
        (string commandLine, string toml, string environment, object expected) = Sample(option);

        string[] flag = option.IsSwitch ? [option.Flag] : [option.Flag, commandLine];
        Assert.Equal(expected, ValueOf(option, Resolve(flag, null, new Hashtable())));

        string config = Path.Combine(_folder, "server.toml");
        File.WriteAllText(config, $"{option.ConfigKey} = {toml}\n");
        Assert.Equal(expected, ValueOf(option, Resolve([], config, new Hashtable())));

        Assert.Equal(expected, ValueOf(option, Resolve([], null, new Hashtable { [option.EnvironmentVariable] = environment })));
    }

    [Fact]
    public void EnvironmentVariableNames_AreDistinct_AndNeverAnotherOptionsSecretVariable()
    {
        IReadOnlyList<OptionSpec> options = OptionCatalog.Of<CommandLineOptions>();
        Assert.Equal(options.Count, options.Select(o => o.EnvironmentVariable).Distinct().Count());

        // A variable that holds a secret (named by a *-env option) must not also set an option.
        var secrets = options.Where(o => o.LongName.EndsWith("-env", StringComparison.Ordinal)).Select(o => o.DefaultText).OfType<string>();
        Assert.Empty(secrets.Intersect(options.Select(o => o.EnvironmentVariable)));
    }

    private static CommandLineOptions Resolve(string[] args, string? config, IDictionary environment)
    {
        LayeredSettings<CommandLineOptions> layers = LayeredSettings.Load<CommandLineOptions>(args, config, environment);
        Assert.True(CommandLineRunner.TryParse(layers.Arguments, TextWriter.Null, TextWriter.Null, out CommandLineOptions? options, out _));
        return options!;
    }

    private static object? ValueOf(OptionSpec option, CommandLineOptions options) => option.Property.GetValue(options);

    /// <summary>A value different from the default, as a flag value, as TOML, as an environment value, and as the property holds it.</summary>
    private static (string CommandLine, string Toml, string Environment, object Expected) Sample(OptionSpec option) => option.ValueType switch
    {
        Type t when t == typeof(bool) => ("", "true", "true", true),
        Type t when t == typeof(int) => ("4321", "4321", "4321", 4321),
        Type t when t == typeof(long) => ("4321", "4321", "4321", 4321L),
        Type t when t == typeof(double) => ("2.5", "2.5", "2.5", 2.5),
        Type t when t == typeof(string) => ("sample-value", "\"sample-value\"", "sample-value", "sample-value"),
        Type t when t.IsEnum => Enum.GetValues(t).Cast<object>().Last() is var last
            ? (last.ToString()!, $"\"{last}\"", last.ToString()!, last)
            : throw new InvalidOperationException(),
        Type t => throw new Xunit.Sdk.XunitException(
            $"--{option.LongName} has type {t.Name}, which the config file and the environment cannot set yet: teach SettingValue and this test about it"),
    };
}
