/** Scalar functions: conversion family. */
import type { ScalarFunction } from '../types.js';

export const conversionFunctions: ScalarFunction[] = [];
