namespace Ich.LocalHost.Durable;

/// <summary>
/// DurableTask.Core's client serialises orchestration inputs with its own converter (Newtonsoft by default), while the
/// SDK's shims read them with System.Text.Json. The SDK's own adapter between the two is internal, so this one-method
/// bridge hands the client the SDK's converter: both ends then read and write the same JSON.
/// </summary>
internal sealed class CoreJsonConverter(Microsoft.DurableTask.DataConverter inner) : DurableTask.Core.Serializing.DataConverter
{
    public override string? Serialize(object? value) => inner.Serialize(value);

    public override string? Serialize(object? value, bool formatted) => inner.Serialize(value);

    public override object? Deserialize(string? data, Type objectType) => inner.Deserialize(data, objectType);
}
