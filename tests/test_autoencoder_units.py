"""The two autoencoder architectures, built without training."""

import numpy as np
import pytest

from fashion_clustering.autoencoder import build_autoencoder, encode

SETTINGS = {
    "filters": [4, 8],
    "dense_units": [32, 16],
    "latent_dim": 3,
    "learning_rate": 0.001,
}


@pytest.mark.parametrize("architecture", ["conv", "dense"])
def test_each_architecture_maps_images_to_codes_and_back_to_unit_pixels(architecture):
    model = build_autoencoder({**SETTINGS, "architecture": architecture})
    pixels = np.random.default_rng(0).random((5, 784), dtype=np.float32)

    codes = encode(model, pixels)
    reconstructions = model.predict(pixels.reshape(-1, 28, 28, 1), verbose=0)

    assert codes.shape == (5, 3)
    assert reconstructions.shape == (5, 28, 28, 1)
    assert ((reconstructions >= 0) & (reconstructions <= 1)).all()


def layer_kinds(model):
    return [type(layer).__name__ for layer in model.get_layer("encoder").layers]


def test_dense_encoder_has_one_relu_layer_per_width_then_a_linear_code():
    model = build_autoencoder({**SETTINGS, "architecture": "dense"})
    dense = [
        layer for layer in model.get_layer("encoder").layers
        if type(layer).__name__ == "Dense"
    ]

    assert [layer.units for layer in dense] == [32, 16, 3]
    assert [layer.activation.__name__ for layer in dense] == ["relu", "relu", "linear"]
    assert "Conv2D" not in layer_kinds(model)


def test_conv_encoder_has_one_strided_convolution_per_filter_count():
    model = build_autoencoder({**SETTINGS, "architecture": "conv"})
    convolutions = [
        layer for layer in model.get_layer("encoder").layers
        if type(layer).__name__ == "Conv2D"
    ]

    assert [layer.filters for layer in convolutions] == [4, 8]
    assert all(layer.strides == (2, 2) for layer in convolutions)
