var x = Tensor.of(new float[]{1, 2, 3, 4}, 2, 2).requiresGrad(true)
var w = Tensor.randn(new Generator(0), 2, 3).requiresGrad(true)
var loss = x.matmul(w).relu().sum()
loss.backward()
System.out.println(x.grad())
System.out.println(w.grad())
Functional.softmax(x, -1)
Seedling.backend().name()
/exit
