FROM scratch
COPY <<E0 /f0
${x:-y}
E0
COPY <<E1 /f1
${x:-y}
E1
COPY <<E2 /f2
${x:-y}
E2
COPY <<E3 /f3
${x:-y}
E3
COPY <<E4 /f4
${x:-y}
E4
COPY <<E5 /f5
${x:-y}
E5
COPY <<E6 /f6
${x:-y}
E6
COPY <<E7 /f7
${x:-y}
E7
COPY <<E8 /f8
${x:-y}
E8
COPY <<E9 /f9
${x:-y}
E9
COPY <<E10 /f10
${x:-y}
E10
COPY <<E11 /f11
${x:-y}
E11
COPY <<E12 /f12
${x:-y}
E12
COPY <<E13 /f13
${x:-y}
E13
COPY <<E14 /f14
${x:-y}
E14
COPY <<E15 /f15
${x:-y}
E15
COPY <<E16 /f16
${x:-y}
E16
COPY <<E17 /f17
${x:-y}
E17
COPY <<E18 /f18
${x:-y}
E18
COPY <<E19 /f19
${x:-y}
E19
COPY <<E20 /f20
${x:-y}
E20
COPY <<E21 /f21
${x:-y}
E21
COPY <<E22 /f22
${x:-y}
E22
COPY <<E23 /f23
${x:-y}
E23
COPY <<E24 /f24
${x:-y}
E24
COPY <<E25 /f25
${x:-y}
E25
COPY <<E26 /f26
${x:-y}
E26
COPY <<E27 /f27
${x:-y}
E27
COPY <<E28 /f28
${x:-y}
E28
COPY <<E29 /f29
${x:-y}
E29
COPY <<E30 /f30
${x:-y}
E30
COPY <<E31 /f31
${x:-y}
E31
COPY <<E32 /f32
${x:-y}
E32
COPY <<E33 /f33
${x:-y}
E33
COPY <<E34 /f34
${x:-y}
E34
COPY <<E35 /f35
${x:-y}
E35
COPY <<E36 /f36
${x:-y}
E36
COPY <<E37 /f37
${x:-y}
E37
COPY <<E38 /f38
${x:-y}
E38
COPY <<E39 /f39
${x:-y}
E39
COPY <<E40 /f40
${x:-y}
E40
COPY <<E41 /f41
${x:-y}
E41
COPY <<E42 /f42
${x:-y}
E42
COPY <<E43 /f43
${x:-y}
E43
COPY <<E44 /f44
${x:-y}
E44
COPY <<E45 /f45
${x:-y}
E45
COPY <<E46 /f46
${x:-y}
E46
COPY <<E47 /f47
${x:-y}
E47
COPY <<E48 /f48
${x:-y}
E48
COPY <<E49 /f49
${x:-y}
E49
COPY <<E50 /f50
${x:-y}
E50
COPY <<E51 /f51
${x:-y}
E51
COPY <<E52 /f52
${x:-y}
E52
COPY <<E53 /f53
${x:-y}
E53
COPY <<E54 /f54
${x:-y}
E54
COPY <<E55 /f55
${x:-y}
E55
COPY <<E56 /f56
${x:-y}
E56
COPY <<E57 /f57
${x:-y}
E57
COPY <<E58 /f58
${x:-y}
E58
COPY <<E59 /f59
${x:-y}
E59
COPY <<E60 /f60
${x:-y}
E60
COPY <<E61 /f61
${x:-y}
E61
COPY <<E62 /f62
${x:-y}
E62
COPY <<E63 /f63
${x:-y}
E63
COPY <<E64 /f64
${x:-y}
E64
COPY <<E65 /f65
${x:-y}
E65
COPY <<E66 /f66
${x:-y}
E66
COPY <<E67 /f67
${x:-y}
E67
COPY <<E68 /f68
${x:-y}
E68
COPY <<E69 /f69
${x:-y}
E69
COPY <<E70 /f70
${x:-y}
E70
COPY <<E71 /f71
${x:-y}
E71
COPY <<E72 /f72
${x:-y}
E72
COPY <<E73 /f73
${x:-y}
E73
COPY <<E74 /f74
${x:-y}
E74
COPY <<E75 /f75
${x:-y}
E75
COPY <<E76 /f76
${x:-y}
E76
COPY <<E77 /f77
${x:-y}
E77
COPY <<E78 /f78
${x:-y}
E78
COPY <<E79 /f79
${x:-y}
E79
COPY <<E80 /f80
${x:-y}
E80
COPY <<E81 /f81
${x:-y}
E81
COPY <<E82 /f82
${x:-y}
E82
COPY <<E83 /f83
${x:-y}
E83
COPY <<E84 /f84
${x:-y}
E84
COPY <<E85 /f85
${x:-y}
E85
COPY <<E86 /f86
${x:-y}
E86
COPY <<E87 /f87
${x:-y}
E87
COPY <<E88 /f88
${x:-y}
E88
COPY <<E89 /f89
${x:-y}
E89
COPY <<E90 /f90
${x:-y}
E90
COPY <<E91 /f91
${x:-y}
E91
COPY <<E92 /f92
${x:-y}
E92
COPY <<E93 /f93
${x:-y}
E93
COPY <<E94 /f94
${x:-y}
E94
COPY <<E95 /f95
${x:-y}
E95
COPY <<E96 /f96
${x:-y}
E96
COPY <<E97 /f97
${x:-y}
E97
COPY <<E98 /f98
${x:-y}
E98
COPY <<E99 /f99
${x:-y}
E99
COPY <<E100 /f100
${x:-y}
E100
COPY <<E101 /f101
${x:-y}
E101
COPY <<E102 /f102
${x:-y}
E102
COPY <<E103 /f103
${x:-y}
E103
COPY <<E104 /f104
${x:-y}
E104
COPY <<E105 /f105
${x:-y}
E105
COPY <<E106 /f106
${x:-y}
E106
COPY <<E107 /f107
${x:-y}
E107
COPY <<E108 /f108
${x:-y}
E108
COPY <<E109 /f109
${x:-y}
E109
COPY <<E110 /f110
${x:-y}
E110
COPY <<E111 /f111
${x:-y}
E111
COPY <<E112 /f112
${x:-y}
E112
COPY <<E113 /f113
${x:-y}
E113
COPY <<E114 /f114
${x:-y}
E114
COPY <<E115 /f115
${x:-y}
E115
COPY <<E116 /f116
${x:-y}
E116
COPY <<E117 /f117
${x:-y}
E117
COPY <<E118 /f118
${x:-y}
E118
COPY <<E119 /f119
${x:-y}
E119
COPY <<E120 /f120
${x:-y}
E120
COPY <<E121 /f121
${x:-y}
E121
COPY <<E122 /f122
${x:-y}
E122
COPY <<E123 /f123
${x:-y}
E123
COPY <<E124 /f124
${x:-y}
E124
COPY <<E125 /f125
${x:-y}
E125
COPY <<E126 /f126
${x:-y}
E126
COPY <<E127 /f127
${x:-y}
E127
COPY <<E128 /f128
${x:-y}
E128
COPY <<E129 /f129
${x:-y}
E129
COPY <<E130 /f130
${x:-y}
E130
COPY <<E131 /f131
${x:-y}
E131
COPY <<E132 /f132
${x:-y}
E132
COPY <<E133 /f133
${x:-y}
E133
COPY <<E134 /f134
${x:-y}
E134
COPY <<E135 /f135
${x:-y}
E135
COPY <<E136 /f136
${x:-y}
E136
COPY <<E137 /f137
${x:-y}
E137
COPY <<E138 /f138
${x:-y}
E138
COPY <<E139 /f139
${x:-y}
E139
COPY <<E140 /f140
${x:-y}
E140
COPY <<E141 /f141
${x:-y}
E141
COPY <<E142 /f142
${x:-y}
E142
COPY <<E143 /f143
${x:-y}
E143
COPY <<E144 /f144
${x:-y}
E144
COPY <<E145 /f145
${x:-y}
E145
COPY <<E146 /f146
${x:-y}
E146
COPY <<E147 /f147
${x:-y}
E147
COPY <<E148 /f148
${x:-y}
E148
COPY <<E149 /f149
${x:-y}
E149
COPY <<E150 /f150
${x:-y}
E150
COPY <<E151 /f151
${x:-y}
E151
COPY <<E152 /f152
${x:-y}
E152
COPY <<E153 /f153
${x:-y}
E153
COPY <<E154 /f154
${x:-y}
E154
COPY <<E155 /f155
${x:-y}
E155
COPY <<E156 /f156
${x:-y}
E156
COPY <<E157 /f157
${x:-y}
E157
COPY <<E158 /f158
${x:-y}
E158
COPY <<E159 /f159
${x:-y}
E159
COPY <<E160 /f160
${x:-y}
E160
COPY <<E161 /f161
${x:-y}
E161
COPY <<E162 /f162
${x:-y}
E162
COPY <<E163 /f163
${x:-y}
E163
COPY <<E164 /f164
${x:-y}
E164
COPY <<E165 /f165
${x:-y}
E165
COPY <<E166 /f166
${x:-y}
E166
COPY <<E167 /f167
${x:-y}
E167
COPY <<E168 /f168
${x:-y}
E168
COPY <<E169 /f169
${x:-y}
E169
COPY <<E170 /f170
${x:-y}
E170
COPY <<E171 /f171
${x:-y}
E171
COPY <<E172 /f172
${x:-y}
E172
COPY <<E173 /f173
${x:-y}
E173
COPY <<E174 /f174
${x:-y}
E174
COPY <<E175 /f175
${x:-y}
E175
COPY <<E176 /f176
${x:-y}
E176
COPY <<E177 /f177
${x:-y}
E177
COPY <<E178 /f178
${x:-y}
E178
COPY <<E179 /f179
${x:-y}
E179
COPY <<E180 /f180
${x:-y}
E180
COPY <<E181 /f181
${x:-y}
E181
COPY <<E182 /f182
${x:-y}
E182
COPY <<E183 /f183
${x:-y}
E183
COPY <<E184 /f184
${x:-y}
E184
COPY <<E185 /f185
${x:-y}
E185
COPY <<E186 /f186
${x:-y}
E186
COPY <<E187 /f187
${x:-y}
E187
COPY <<E188 /f188
${x:-y}
E188
COPY <<E189 /f189
${x:-y}
E189
COPY <<E190 /f190
${x:-y}
E190
COPY <<E191 /f191
${x:-y}
E191
COPY <<E192 /f192
${x:-y}
E192
COPY <<E193 /f193
${x:-y}
E193
COPY <<E194 /f194
${x:-y}
E194
COPY <<E195 /f195
${x:-y}
E195
COPY <<E196 /f196
${x:-y}
E196
COPY <<E197 /f197
${x:-y}
E197
COPY <<E198 /f198
${x:-y}
E198
COPY <<E199 /f199
${x:-y}
E199
COPY <<E200 /f200
${x:-y}
E200
COPY <<E201 /f201
${x:-y}
E201
COPY <<E202 /f202
${x:-y}
E202
COPY <<E203 /f203
${x:-y}
E203
COPY <<E204 /f204
${x:-y}
E204
COPY <<E205 /f205
${x:-y}
E205
COPY <<E206 /f206
${x:-y}
E206
COPY <<E207 /f207
${x:-y}
E207
COPY <<E208 /f208
${x:-y}
E208
COPY <<E209 /f209
${x:-y}
E209
COPY <<E210 /f210
${x:-y}
E210
COPY <<E211 /f211
${x:-y}
E211
COPY <<E212 /f212
${x:-y}
E212
COPY <<E213 /f213
${x:-y}
E213
COPY <<E214 /f214
${x:-y}
E214
COPY <<E215 /f215
${x:-y}
E215
COPY <<E216 /f216
${x:-y}
E216
COPY <<E217 /f217
${x:-y}
E217
COPY <<E218 /f218
${x:-y}
E218
COPY <<E219 /f219
${x:-y}
E219
COPY <<E220 /f220
${x:-y}
E220
COPY <<E221 /f221
${x:-y}
E221
COPY <<E222 /f222
${x:-y}
E222
COPY <<E223 /f223
${x:-y}
E223
COPY <<E224 /f224
${x:-y}
E224
COPY <<E225 /f225
${x:-y}
E225
COPY <<E226 /f226
${x:-y}
E226
COPY <<E227 /f227
${x:-y}
E227
COPY <<E228 /f228
${x:-y}
E228
COPY <<E229 /f229
${x:-y}
E229
COPY <<E230 /f230
${x:-y}
E230
COPY <<E231 /f231
${x:-y}
E231
COPY <<E232 /f232
${x:-y}
E232
COPY <<E233 /f233
${x:-y}
E233
COPY <<E234 /f234
${x:-y}
E234
COPY <<E235 /f235
${x:-y}
E235
COPY <<E236 /f236
${x:-y}
E236
COPY <<E237 /f237
${x:-y}
E237
COPY <<E238 /f238
${x:-y}
E238
COPY <<E239 /f239
${x:-y}
E239
COPY <<E240 /f240
${x:-y}
E240
COPY <<E241 /f241
${x:-y}
E241
COPY <<E242 /f242
${x:-y}
E242
COPY <<E243 /f243
${x:-y}
E243
COPY <<E244 /f244
${x:-y}
E244
COPY <<E245 /f245
${x:-y}
E245
COPY <<E246 /f246
${x:-y}
E246
COPY <<E247 /f247
${x:-y}
E247
COPY <<E248 /f248
${x:-y}
E248
COPY <<E249 /f249
${x:-y}
E249
COPY <<E250 /f250
${x:-y}
E250
COPY <<E251 /f251
${x:-y}
E251
COPY <<E252 /f252
${x:-y}
E252
COPY <<E253 /f253
${x:-y}
E253
COPY <<E254 /f254
${x:-y}
E254
COPY <<E255 /f255
${x:-y}
E255
COPY <<E256 /f256
${x:-y}
E256
COPY <<E257 /f257
${x:-y}
E257
COPY <<E258 /f258
${x:-y}
E258
COPY <<E259 /f259
${x:-y}
E259
COPY <<E260 /f260
${x:-y}
E260
COPY <<E261 /f261
${x:-y}
E261
COPY <<E262 /f262
${x:-y}
E262
COPY <<E263 /f263
${x:-y}
E263
COPY <<E264 /f264
${x:-y}
E264
COPY <<E265 /f265
${x:-y}
E265
COPY <<E266 /f266
${x:-y}
E266
COPY <<E267 /f267
${x:-y}
E267
COPY <<E268 /f268
${x:-y}
E268
COPY <<E269 /f269
${x:-y}
E269
COPY <<E270 /f270
${x:-y}
E270
COPY <<E271 /f271
${x:-y}
E271
COPY <<E272 /f272
${x:-y}
E272
COPY <<E273 /f273
${x:-y}
E273
COPY <<E274 /f274
${x:-y}
E274
COPY <<E275 /f275
${x:-y}
E275
COPY <<E276 /f276
${x:-y}
E276
COPY <<E277 /f277
${x:-y}
E277
COPY <<E278 /f278
${x:-y}
E278
COPY <<E279 /f279
${x:-y}
E279
COPY <<E280 /f280
${x:-y}
E280
COPY <<E281 /f281
${x:-y}
E281
COPY <<E282 /f282
${x:-y}
E282
COPY <<E283 /f283
${x:-y}
E283
COPY <<E284 /f284
${x:-y}
E284
COPY <<E285 /f285
${x:-y}
E285
COPY <<E286 /f286
${x:-y}
E286
COPY <<E287 /f287
${x:-y}
E287
COPY <<E288 /f288
${x:-y}
E288
COPY <<E289 /f289
${x:-y}
E289
COPY <<E290 /f290
${x:-y}
E290
COPY <<E291 /f291
${x:-y}
E291
COPY <<E292 /f292
${x:-y}
E292
COPY <<E293 /f293
${x:-y}
E293
COPY <<E294 /f294
${x:-y}
E294
COPY <<E295 /f295
${x:-y}
E295
COPY <<E296 /f296
${x:-y}
E296
COPY <<E297 /f297
${x:-y}
E297
COPY <<E298 /f298
${x:-y}
E298
COPY <<E299 /f299
${x:-y}
E299
COPY <<E300 /f300
${x:-y}
E300
COPY <<E301 /f301
${x:-y}
E301
COPY <<E302 /f302
${x:-y}
E302
COPY <<E303 /f303
${x:-y}
E303
COPY <<E304 /f304
${x:-y}
E304
COPY <<E305 /f305
${x:-y}
E305
COPY <<E306 /f306
${x:-y}
E306
COPY <<E307 /f307
${x:-y}
E307
COPY <<E308 /f308
${x:-y}
E308
COPY <<E309 /f309
${x:-y}
E309
COPY <<E310 /f310
${x:-y}
E310
COPY <<E311 /f311
${x:-y}
E311
COPY <<E312 /f312
${x:-y}
E312
COPY <<E313 /f313
${x:-y}
E313
COPY <<E314 /f314
${x:-y}
E314
COPY <<E315 /f315
${x:-y}
E315
COPY <<E316 /f316
${x:-y}
E316
COPY <<E317 /f317
${x:-y}
E317
COPY <<E318 /f318
${x:-y}
E318
COPY <<E319 /f319
${x:-y}
E319
COPY <<E320 /f320
${x:-y}
E320
COPY <<E321 /f321
${x:-y}
E321
COPY <<E322 /f322
${x:-y}
E322
COPY <<E323 /f323
${x:-y}
E323
COPY <<E324 /f324
${x:-y}
E324
COPY <<E325 /f325
${x:-y}
E325
COPY <<E326 /f326
${x:-y}
E326
COPY <<E327 /f327
${x:-y}
E327
COPY <<E328 /f328
${x:-y}
E328
COPY <<E329 /f329
${x:-y}
E329
COPY <<E330 /f330
${x:-y}
E330
COPY <<E331 /f331
${x:-y}
E331
COPY <<E332 /f332
${x:-y}
E332
COPY <<E333 /f333
${x:-y}
E333
COPY <<E334 /f334
${x:-y}
E334
COPY <<E335 /f335
${x:-y}
E335
COPY <<E336 /f336
${x:-y}
E336
COPY <<E337 /f337
${x:-y}
E337
COPY <<E338 /f338
${x:-y}
E338
COPY <<E339 /f339
${x:-y}
E339
COPY <<E340 /f340
${x:-y}
E340
COPY <<E341 /f341
${x:-y}
E341
COPY <<E342 /f342
${x:-y}
E342
COPY <<E343 /f343
${x:-y}
E343
COPY <<E344 /f344
${x:-y}
E344
COPY <<E345 /f345
${x:-y}
E345
COPY <<E346 /f346
${x:-y}
E346
COPY <<E347 /f347
${x:-y}
E347
COPY <<E348 /f348
${x:-y}
E348
COPY <<E349 /f349
${x:-y}
E349
COPY <<E350 /f350
${x:-y}
E350
COPY <<E351 /f351
${x:-y}
E351
COPY <<E352 /f352
${x:-y}
E352
COPY <<E353 /f353
${x:-y}
E353
COPY <<E354 /f354
${x:-y}
E354
COPY <<E355 /f355
${x:-y}
E355
COPY <<E356 /f356
${x:-y}
E356
COPY <<E357 /f357
${x:-y}
E357
COPY <<E358 /f358
${x:-y}
E358
COPY <<E359 /f359
${x:-y}
E359
COPY <<E360 /f360
${x:-y}
E360
COPY <<E361 /f361
${x:-y}
E361
COPY <<E362 /f362
${x:-y}
E362
COPY <<E363 /f363
${x:-y}
E363
COPY <<E364 /f364
${x:-y}
E364
COPY <<E365 /f365
${x:-y}
E365
COPY <<E366 /f366
${x:-y}
E366
COPY <<E367 /f367
${x:-y}
E367
COPY <<E368 /f368
${x:-y}
E368
COPY <<E369 /f369
${x:-y}
E369
COPY <<E370 /f370
${x:-y}
E370
COPY <<E371 /f371
${x:-y}
E371
COPY <<E372 /f372
${x:-y}
E372
COPY <<E373 /f373
${x:-y}
E373
COPY <<E374 /f374
${x:-y}
E374
COPY <<E375 /f375
${x:-y}
E375
COPY <<E376 /f376
${x:-y}
E376
COPY <<E377 /f377
${x:-y}
E377
COPY <<E378 /f378
${x:-y}
E378
COPY <<E379 /f379
${x:-y}
E379
COPY <<E380 /f380
${x:-y}
E380
COPY <<E381 /f381
${x:-y}
E381
COPY <<E382 /f382
${x:-y}
E382
COPY <<E383 /f383
${x:-y}
E383
COPY <<E384 /f384
${x:-y}
E384
COPY <<E385 /f385
${x:-y}
E385
COPY <<E386 /f386
${x:-y}
E386
COPY <<E387 /f387
${x:-y}
E387
COPY <<E388 /f388
${x:-y}
E388
COPY <<E389 /f389
${x:-y}
E389
COPY <<E390 /f390
${x:-y}
E390
COPY <<E391 /f391
${x:-y}
E391
COPY <<E392 /f392
${x:-y}
E392
COPY <<E393 /f393
${x:-y}
E393
COPY <<E394 /f394
${x:-y}
E394
COPY <<E395 /f395
${x:-y}
E395
COPY <<E396 /f396
${x:-y}
E396
COPY <<E397 /f397
${x:-y}
E397
COPY <<E398 /f398
${x:-y}
E398
COPY <<E399 /f399
${x:-y}
E399
COPY <<E400 /f400
${x:-y}
E400
COPY <<E401 /f401
${x:-y}
E401
COPY <<E402 /f402
${x:-y}
E402
COPY <<E403 /f403
${x:-y}
E403
COPY <<E404 /f404
${x:-y}
E404
COPY <<E405 /f405
${x:-y}
E405
COPY <<E406 /f406
${x:-y}
E406
COPY <<E407 /f407
${x:-y}
E407
COPY <<E408 /f408
${x:-y}
E408
COPY <<E409 /f409
${x:-y}
E409
COPY <<E410 /f410
${x:-y}
E410
COPY <<E411 /f411
${x:-y}
E411
COPY <<E412 /f412
${x:-y}
E412
COPY <<E413 /f413
${x:-y}
E413
COPY <<E414 /f414
${x:-y}
E414
COPY <<E415 /f415
${x:-y}
E415
COPY <<E416 /f416
${x:-y}
E416
COPY <<E417 /f417
${x:-y}
E417
COPY <<E418 /f418
${x:-y}
E418
COPY <<E419 /f419
${x:-y}
E419
COPY <<E420 /f420
${x:-y}
E420
COPY <<E421 /f421
${x:-y}
E421
COPY <<E422 /f422
${x:-y}
E422
COPY <<E423 /f423
${x:-y}
E423
COPY <<E424 /f424
${x:-y}
E424
COPY <<E425 /f425
${x:-y}
E425
COPY <<E426 /f426
${x:-y}
E426
COPY <<E427 /f427
${x:-y}
E427
COPY <<E428 /f428
${x:-y}
E428
COPY <<E429 /f429
${x:-y}
E429
COPY <<E430 /f430
${x:-y}
E430
COPY <<E431 /f431
${x:-y}
E431
COPY <<E432 /f432
${x:-y}
E432
COPY <<E433 /f433
${x:-y}
E433
COPY <<E434 /f434
${x:-y}
E434
COPY <<E435 /f435
${x:-y}
E435
COPY <<E436 /f436
${x:-y}
E436
COPY <<E437 /f437
${x:-y}
E437
COPY <<E438 /f438
${x:-y}
E438
COPY <<E439 /f439
${x:-y}
E439
COPY <<E440 /f440
${x:-y}
E440
COPY <<E441 /f441
${x:-y}
E441
COPY <<E442 /f442
${x:-y}
E442
COPY <<E443 /f443
${x:-y}
E443
COPY <<E444 /f444
${x:-y}
E444
COPY <<E445 /f445
${x:-y}
E445
COPY <<E446 /f446
${x:-y}
E446
COPY <<E447 /f447
${x:-y}
E447
COPY <<E448 /f448
${x:-y}
E448
COPY <<E449 /f449
${x:-y}
E449
COPY <<E450 /f450
${x:-y}
E450
COPY <<E451 /f451
${x:-y}
E451
COPY <<E452 /f452
${x:-y}
E452
COPY <<E453 /f453
${x:-y}
E453
COPY <<E454 /f454
${x:-y}
E454
COPY <<E455 /f455
${x:-y}
E455
COPY <<E456 /f456
${x:-y}
E456
COPY <<E457 /f457
${x:-y}
E457
COPY <<E458 /f458
${x:-y}
E458
COPY <<E459 /f459
${x:-y}
E459
COPY <<E460 /f460
${x:-y}
E460
COPY <<E461 /f461
${x:-y}
E461
COPY <<E462 /f462
${x:-y}
E462
COPY <<E463 /f463
${x:-y}
E463
COPY <<E464 /f464
${x:-y}
E464
COPY <<E465 /f465
${x:-y}
E465
COPY <<E466 /f466
${x:-y}
E466
COPY <<E467 /f467
${x:-y}
E467
COPY <<E468 /f468
${x:-y}
E468
COPY <<E469 /f469
${x:-y}
E469
COPY <<E470 /f470
${x:-y}
E470
COPY <<E471 /f471
${x:-y}
E471
COPY <<E472 /f472
${x:-y}
E472
COPY <<E473 /f473
${x:-y}
E473
COPY <<E474 /f474
${x:-y}
E474
COPY <<E475 /f475
${x:-y}
E475
COPY <<E476 /f476
${x:-y}
E476
COPY <<E477 /f477
${x:-y}
E477
COPY <<E478 /f478
${x:-y}
E478
COPY <<E479 /f479
${x:-y}
E479
COPY <<E480 /f480
${x:-y}
E480
COPY <<E481 /f481
${x:-y}
E481
COPY <<E482 /f482
${x:-y}
E482
COPY <<E483 /f483
${x:-y}
E483
COPY <<E484 /f484
${x:-y}
E484
COPY <<E485 /f485
${x:-y}
E485
COPY <<E486 /f486
${x:-y}
E486
COPY <<E487 /f487
${x:-y}
E487
COPY <<E488 /f488
${x:-y}
E488
COPY <<E489 /f489
${x:-y}
E489
COPY <<E490 /f490
${x:-y}
E490
COPY <<E491 /f491
${x:-y}
E491
COPY <<E492 /f492
${x:-y}
E492
COPY <<E493 /f493
${x:-y}
E493
COPY <<E494 /f494
${x:-y}
E494
COPY <<E495 /f495
${x:-y}
E495
COPY <<E496 /f496
${x:-y}
E496
COPY <<E497 /f497
${x:-y}
E497
COPY <<E498 /f498
${x:-y}
E498
COPY <<E499 /f499
${x:-y}
E499
