using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace Ich.Training.Export;

/// <summary>A small builder over ONNX's protobuf graph: named nodes, float/int64 initializers, typed inputs and outputs.</summary>
internal sealed class OnnxGraph
{
    private int nodeCount;

    /// <summary>The graph being built.</summary>
    public GraphProto Proto { get; } = new();

    /// <summary>Adds a float32 initializer holding <paramref name="tensor"/>'s values (copied to the CPU as float32).</summary>
    public string Initializer(string name, Tensor tensor)
    {
        using var values = tensor.detach().to(float32).cpu().contiguous();
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(values.shape);
        proto.RawData = ByteString.CopyFrom(values.bytes);
        Proto.Initializer.Add(proto);
        return name;
    }

    /// <summary>Adds an int64 initializer (shapes, axes).</summary>
    public string Int64s(string name, params long[] values)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        Proto.Initializer.Add(proto);
        return name;
    }

    /// <summary>Adds a node with one output named <paramref name="output"/> (or a generated name).</summary>
    public string Node(string opType, string[] inputs, string? output = null, params AttributeProto[] attributes)
    {
        var name = $"{opType}_{nodeCount++}";
        output ??= name;
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Proto.Node.Add(node);
        return output;
    }

    /// <summary>Declares a float32 graph input; a string dimension is symbolic, a long is fixed.</summary>
    public void Input(string name, params object[] dims) => Proto.Input.Add(FloatValue(name, dims));

    /// <summary>Declares an int64 graph input; a string dimension is symbolic, a long is fixed.</summary>
    public void Int64Input(string name, params object[] dims) => Proto.Input.Add(Value(name, dims, TensorProto.Types.DataType.Int64));

    /// <summary>Adds a float32 scalar initializer.</summary>
    public string Scalar(string name, float value)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.FloatData.Add(value);
        Proto.Initializer.Add(proto);
        return name;
    }

    /// <summary>Adds an int64 scalar initializer.</summary>
    public string Int64Scalar(string name, long value)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Int64Data.Add(value);
        Proto.Initializer.Add(proto);
        return name;
    }

    /// <summary>Declares a float32 graph output; a string dimension is symbolic, a long is fixed.</summary>
    public void Output(string name, params object[] dims) => Proto.Output.Add(FloatValue(name, dims));

    /// <summary>An INT attribute.</summary>
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>An INTS attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>A STRING attribute.</summary>
    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private static ValueInfoProto FloatValue(string name, object[] dims) => Value(name, dims, TensorProto.Types.DataType.Float);

    private static ValueInfoProto Value(string name, object[] dims, TensorProto.Types.DataType type)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                long size => new TensorShapeProto.Types.Dimension { DimValue = size },
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                _ => throw new ArgumentException($"Unsupported dimension {dim}.", nameof(dims)),
            });
        }

        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
